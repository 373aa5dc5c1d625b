package org.ncmcp.broker.provisioning.oauth;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ncmcp.broker.AuthBrokerApplication;
import org.ncmcp.broker.provisioning.NextcloudCredentials;
import org.ncmcp.broker.provisioning.ProvisioningService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two broker replicas (two complete application contexts, each with its own web server) over one real PostgreSQL,
 * signing people in at the real Keycloak. Shared by the Keycloak tests of this package and started once per JVM:
 * a context takes seconds.
 */
final class TwoBrokers implements AutoCloseable {

    final RealKeycloak keycloak;
    final EmbeddedPostgres postgres;
    final List<Replica> replicas = new ArrayList<>();

    /** One broker replica: its URL and the beans the tests drive. */
    record Replica(URI base, ConfigurableApplicationContext context) {
        ProvisioningService service() {
            return context.getBean(ProvisioningService.class);
        }

        NextcloudCredentials credentials() {
            return context.getBean(NextcloudCredentials.class);
        }

        OAuthRefreshKind oauthRefresh() {
            return context.getBean(OAuthRefreshKind.class);
        }

        TokenExchangeKind tokenExchange() {
            return context.getBean(TokenExchangeKind.class);
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }
    }

    /**
     * The replicas of this test run, started by the first test class that asks; JUnit closes them (and a Keycloak
     * started for them) when the whole run ends, not at JVM exit where Surefire would cut the shutdown short.
     */
    static TwoBrokers get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TwoBrokers.class, key -> new TwoBrokers(), TwoBrokers.class);
    }

    /** Gives the test class its replicas in a static field named {@code brokers}. */
    static final class Shared implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            var field = context.getRequiredTestClass().getDeclaredField("brokers");
            field.setAccessible(true);
            field.set(null, get(context));
        }
    }

    private TwoBrokers() {
        keycloak = RealKeycloak.get();
        try {
            keycloak.enforceRotationAndRecordEvents();
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            keycloak.stopIfOurs();
            throw new UncheckedIOException(e);
        }
        try {
            startReplicas();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startReplicas() {
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            URI base = URI.create("http://127.0.0.1:" + port);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthBrokerApplication.class).run(
                    "--server.port=" + port,
                    "--broker.issuer=" + base,
                    "--broker.resources=http://127.0.0.1:8080/mcp",
                    "--broker.data-dir=target/test-data/two-brokers-" + i + "-" + port,
                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres",
                    "--broker.keys.encryption-key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                    "--broker.vault.keys.test-1=ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",
                    "--broker.upstream.issuer-uri=" + keycloak.issuer(),
                    "--broker.upstream.client-id=" + RealKeycloak.BROKER_CLIENT,
                    "--broker.upstream.client-secret=" + RealKeycloak.BROKER_SECRET,
                    "--broker.upstream.scopes=openid,profile,email,offline_access",
                    "--broker.provisioning.kinds=oauth-refresh,token-exchange",
                    "--broker.provisioning.token-exchange.scope=nextcloud-audience",
                    "--spring.main.banner-mode=off");
            replicas.add(new Replica(base, context));
        }
    }

    Replica first() {
        return replicas.get(0);
    }

    Replica second() {
        return replicas.get(1);
    }

    /** Signs {@code username} in at the first replica through Keycloak; @return the browser holding the session */
    SignInBrowser signIn(String username) {
        SignInBrowser browser = new SignInBrowser(username);
        browser.visit(first().base().resolve("/oauth2/authorization/upstream"), next -> false);
        return browser;
    }

    /** The person's broker subject (Keycloak's user id). */
    String subjectOf(String username) {
        return first().jdbc().queryForObject("SELECT subject FROM broker_user WHERE nextcloud_user_id = ?",
                String.class, username);
    }

    @Override
    public void close() {
        replicas.forEach(replica -> replica.context().close());
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the test run is over
        }
        keycloak.stopIfOurs();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
