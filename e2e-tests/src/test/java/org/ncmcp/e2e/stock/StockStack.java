package org.ncmcp.e2e.stock;

import com.microsoft.playwright.Page;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.keycloak.KeycloakLoginPage;
import org.ncmcp.e2e.keycloak.KeycloakServer;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The multi-user system with a real upstream IdP, as a stock MCP client meets it: the auth-broker (its own JVM, on an
 * embedded PostgreSQL that further replicas can share), mcp-resource in multi-user mode trusting the broker, and the
 * Nextcloud simulator as Nextcloud. The IdP is the real Keycloak of {@link KeycloakServer} (realm nextcloud-mcp,
 * confidential client mcp-broker); only where a caller allows it, and Keycloak could not be started, the simulated
 * Nextcloud {@code oidc} app takes its place.
 */
final class StockStack implements AutoCloseable {

    enum Idp { KEYCLOAK, SIMULATED_OIDC }

    static final String KEYCLOAK_BROKER_CLIENT = "mcp-broker";
    static final String KEYCLOAK_BROKER_SECRET = "mcp-broker-secret";
    static final String SIMULATED_BROKER_CLIENT = "mcp-broker-at-the-simulated-oidc-app";
    static final String SIMULATED_BROKER_SECRET = "stock-client-broker-secret-0123456789abcdef";

    final Idp idp;
    /** Why the simulated oidc app stands in for Keycloak; null when Keycloak is the IdP. */
    final String fallbackReason;
    final KeycloakServer keycloak;
    final NextcloudSimulator simulator;
    final EmbeddedPostgres postgres;
    final String resourceUri;
    final String issuer;
    final ConfigurableApplicationContext resource;
    final BrokerProcess broker;
    private final Map<String, String> brokerSettings;
    private final List<BrokerProcess> replicas = new ArrayList<>();

    /**
     * @param keycloak Keycloak being started (started in parallel with the rest of the stack)
     * @param fallbackToSimulatedOidc whether a Keycloak that fails to start is replaced by the simulated oidc app
     * @param brokerExtras further broker settings, e.g. {@code broker.cimd.allowed-hosts}
     * @param resourceExtras further mcp-resource settings, e.g. {@code mcp.auth.clock-skew}
     */
    StockStack(CompletableFuture<KeycloakServer> keycloak, boolean fallbackToSimulatedOidc, Map<String, String> brokerExtras,
            Map<String, String> resourceExtras) {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
            started.add(simulator);
            simulator.state().addUser("alice", "alice", "Alice A.", "alice-password");
            simulator.state().addUser("bob", "bob", "Bob B.", "bob-password");
            postgres = EmbeddedPostgres.builder().start();
            started.add(postgres);
            int brokerPort = BrokerProcess.freePort();
            int resourcePort = BrokerProcess.freePort();
            issuer = "http://127.0.0.1:" + brokerPort;
            resourceUri = "http://127.0.0.1:" + resourcePort + "/mcp";

            List<String> arguments = new ArrayList<>(List.of("--server.port=" + resourcePort, "--mcp.auth.issuer=" + issuer,
                    "--mcp.auth.resource-uri=" + resourceUri, "--nextcloud.url=" + simulator.baseUri(),
                    "--spring.main.banner-mode=off"));
            resourceExtras.forEach((key, value) -> arguments.add("--" + key + "=" + value));
            resource = new SpringApplicationBuilder(McpResourceApplication.class).run(arguments.toArray(String[]::new));
            started.add(resource);

            KeycloakServer upstream = null;
            String reason = null;
            try {
                upstream = keycloak.join();
            } catch (CompletionException | IllegalStateException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (!fallbackToSimulatedOidc) {
                    throw new IllegalStateException("Keycloak is needed here but did not start: " + cause.getMessage(), cause);
                }
                reason = "Keycloak did not start (" + firstLine(cause.getMessage()) + ")";
            }
            this.keycloak = upstream;
            this.fallbackReason = reason;
            this.idp = upstream != null ? Idp.KEYCLOAK : Idp.SIMULATED_OIDC;

            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("broker.issuer", issuer);
            settings.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            settings.put("spring.datasource.username", "postgres");
            settings.put("broker.keys.encryption-key", randomKey());
            settings.put("broker.data-dir", "target/stock-broker-data/" + System.nanoTime());
            settings.put("broker.resources", resourceUri);
            if (idp == Idp.KEYCLOAK) {
                settings.put("broker.upstream.issuer-uri", upstream.issuer());
                settings.put("broker.upstream.client-id", KEYCLOAK_BROKER_CLIENT);
                settings.put("broker.upstream.client-secret", KEYCLOAK_BROKER_SECRET);
            } else {
                simulator.oidc().addBrokerClient(SIMULATED_BROKER_CLIENT, SIMULATED_BROKER_SECRET);
                settings.put("broker.upstream.issuer-uri", simulator.baseUri().toString().replaceAll("/$", ""));
                settings.put("broker.upstream.client-id", SIMULATED_BROKER_CLIENT);
                settings.put("broker.upstream.client-secret", SIMULATED_BROKER_SECRET);
            }
            settings.putAll(brokerExtras);
            brokerSettings = Map.copyOf(settings);
            broker = BrokerProcess.start(brokerPort, settings, Path.of("target/broker-logs/stock-" + idp.name().toLowerCase()
                    + "-" + brokerPort + ".log"));
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * Another broker replica on the same database and with the same issuer, with some settings changed (e.g. a
     * shorter access-token lifetime). Stopped with the stack.
     */
    BrokerProcess startReplica(Map<String, String> overrides, String name) {
        Map<String, String> settings = new LinkedHashMap<>(brokerSettings);
        settings.put("broker.data-dir", "target/stock-broker-data/" + System.nanoTime());
        settings.putAll(overrides);
        BrokerProcess replica = BrokerProcess.start(0, settings, Path.of("target/broker-logs/stock-" + name + ".log"));
        synchronized (replicas) {
            replicas.add(replica);
        }
        return replica;
    }

    /** {@code http://127.0.0.1:<port>}: where the MCP Java SDK's transport is pointed (it appends /mcp). */
    String mcpBase() {
        return resourceUri.substring(0, resourceUri.length() - "/mcp".length());
    }

    /** The start of the URL of the IdP's login page, where the broker sends a person who is not signed in. */
    String idpLoginPagePrefix() {
        return idp == Idp.KEYCLOAK ? keycloak.issuer() + "/protocol/openid-connect/auth"
                : simulator.baseUri().toString().replaceAll("/$", "") + "/index.php/login";
    }

    /** Signs {@code user} in on the IdP's login page the browser is showing; returns when the browser has left it. */
    void signInAtIdp(Page page, String user) {
        String password = user + "-password";
        if (idp == Idp.KEYCLOAK) {
            KeycloakLoginPage.signIn(page, user, password);
            return;
        }
        page.waitForSelector("#user");
        page.fill("#user", user);
        page.fill("#password", password);
        page.click("#submit-form");
        page.waitForLoadState();
    }

    /** Where the broker's log files are, for failure messages. */
    String brokerLogs() {
        StringBuilder logs = new StringBuilder(broker.log().toString());
        synchronized (replicas) {
            replicas.forEach(r -> logs.append(", ").append(r.log()));
        }
        return logs.toString();
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(List.of(simulator, postgres, resource));
        synchronized (replicas) {
            all.addAll(replicas);
        }
        all.add(broker);
        closeAll(all);
    }

    /** Closes in reverse order of the list, each even when another fails. */
    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // the JVM's exit takes what is left; a failure here must not hide the test's own result
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
