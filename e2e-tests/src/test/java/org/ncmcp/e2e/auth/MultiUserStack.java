package org.ncmcp.e2e.auth;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.proxy.LoopbackProxy;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The multi-user system as deployed: auth-broker replicas on one PostgreSQL behind a round-robin proxy (so
 * consecutive requests of one sign-in land on different replicas), the simulated Nextcloud as Nextcloud and as
 * the {@code oidc} sign-in service, and mcp-resource replicas in multi-user mode behind another round-robin proxy,
 * trusting the broker's issuer (the proxy's URL) and taking Nextcloud credentials as leases from it.
 */
final class MultiUserStack implements AutoCloseable {

    static final String BROKER_CLIENT = "mcp-broker-at-the-simulated-nextcloud-oidc-app";
    static final String BROKER_SECRET = "mcp-broker-secret-0123456789abcdefghijklmnop";
    static final String OTHER_RESOURCE = "https://other-resource.example.test/mcp";
    static final String LEASE_CLIENT_SECRET = "lease-client-secret-for-the-e2e-stack-0123456789";

    final NextcloudSimulator simulator;
    final EmbeddedPostgres postgres;
    final List<BrokerProcess> brokers = new ArrayList<>();
    private final List<Map<String, String>> brokerSettings = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();
    final LoopbackProxy proxy;
    final List<ConfigurableApplicationContext> resources = new ArrayList<>();
    final LoopbackProxy resourceProxy;
    final String resourceUri;

    MultiUserStack(int replicas, Map<String, String> extraBrokerSettings) {
        this(replicas, 1, extraBrokerSettings, Map.of());
    }

    /**
     * @param replicas broker replicas
     * @param resourceReplicas mcp-resource replicas
     */
    MultiUserStack(int replicas, int resourceReplicas, Map<String, String> extraBrokerSettings,
            Map<String, String> extraResourceSettings) {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        simulator.state().addUser("alice", "alice", "Alice A.", "alice-login-password");
        simulator.state().addUser("bob", "bob", "Bob B.", "bob-login-password");
        simulator.oidc().addBrokerClient(BROKER_CLIENT, BROKER_SECRET);
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int resourcePort = BrokerProcess.freePort();
        resourceUri = "http://127.0.0.1:" + resourcePort + "/mcp";
        int proxyPort = BrokerProcess.freePort();
        String issuer = "http://127.0.0.1:" + proxyPort;
        List<URI> backends = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            Map<String, String> settings = new LinkedHashMap<>();
            brokerSettings.add(settings);
            settings.put("broker.issuer", issuer);
            settings.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            settings.put("spring.datasource.username", "postgres");
            settings.put("broker.keys.encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            settings.put("broker.upstream.issuer-uri", simulator.baseUri().toString().replaceAll("/$", ""));
            settings.put("broker.upstream.client-id", BROKER_CLIENT);
            settings.put("broker.upstream.client-secret", BROKER_SECRET);
            settings.put("broker.resources", resourceUri + "," + OTHER_RESOURCE);
            settings.put("broker.nextcloud.url", simulator.baseUri().toString().replaceAll("/$", ""));
            settings.put("broker.lease-client.client-secret", LEASE_CLIENT_SECRET);
            settings.put("broker.provisioning.poll-interval", "1s");
            settings.putAll(extraBrokerSettings);
            BrokerProcess broker = BrokerProcess.start(0, settings, Path.of("target/broker-logs/stack-replica-" + i + ".log"));
            brokerPorts.add(broker.port());
            brokers.add(broker);
            backends.add(URI.create(broker.baseUrl()));
        }
        proxy = LoopbackProxy.start(proxyPort, backends, Map.of());
        List<URI> resourceBackends = new ArrayList<>();
        for (int i = 0; i < resourceReplicas; i++) {
            int port = resourceReplicas == 1 ? resourcePort : BrokerProcess.freePort();
            List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--mcp.auth.issuer=" + issuer,
                    "--mcp.auth.resource-uri=" + resourceUri, "--nextcloud.url=" + simulator.baseUri(),
                    "--mcp.auth.lease.client-secret=" + LEASE_CLIENT_SECRET, "--spring.main.banner-mode=off"));
            extraResourceSettings.forEach((key, value) -> args.add("--" + key + "=" + value));
            resources.add(new SpringApplicationBuilder(McpResourceApplication.class).run(args.toArray(String[]::new)));
            resourceBackends.add(URI.create("http://127.0.0.1:" + port));
        }
        resourceProxy = resourceReplicas == 1 ? null : LoopbackProxy.start(resourcePort, resourceBackends, Map.of());
    }

    /**
     * Stops every broker replica and starts it again on its port with {@code changes} applied (a rolling config
     * change); a null value removes the setting.
     */
    void restartBrokers(Map<String, String> changes) {
        for (int i = 0; i < brokers.size(); i++) {
            brokers.get(i).close();
            Map<String, String> settings = brokerSettings.get(i);
            changes.forEach((key, value) -> {
                if (value == null) {
                    settings.remove(key);
                } else {
                    settings.put(key, value);
                }
            });
            brokers.set(i, BrokerProcess.start(brokerPorts.get(i), brokerSettings.get(i),
                    Path.of("target/broker-logs/stack-replica-" + i + "-restarted.log")));
        }
    }

    String issuer() {
        return proxy.baseUrl();
    }

    String mcpBase() {
        return resourceUri.substring(0, resourceUri.length() - "/mcp".length());
    }

    @Override
    public void close() {
        resources.forEach(ConfigurableApplicationContext::close);
        if (resourceProxy != null) {
            resourceProxy.close();
        }
        proxy.close();
        brokers.forEach(BrokerProcess::close);
        try {
            postgres.close();
        } catch (IOException ignored) {
            // the process is gone with the JVM anyway
        }
        simulator.close();
    }
}
