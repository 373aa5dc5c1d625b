package org.ncmcp.e2e.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorMain;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's run command: the whole multi-user stack on the embedded default.
 * <ul>
 * <li>no {@code NEXTCLOUD_URL}: the bundled Nextcloud simulator, seeded with demo users, which also
 * plays Nextcloud's {@code oidc} app as the sign-in service when no {@code UPSTREAM_ISSUER_URI} is given;</li>
 * <li>the auth-broker (its own JVM, embedded PostgreSQL with data in {@code .data/broker});</li>
 * <li>mcp-resource in multi-user mode, accepting only the broker's tokens for its own URI.</li>
 * </ul>
 * {@code MODE=single-user} starts the earlier single-user setup instead (no sign-in; one app password).
 * Extra arguments go to mcp-resource (e.g. {@code --server.port=9090}).
 */
public final class DemoLauncher {

    /** Fixed so that the printed client configuration keeps working across restarts of the demo. */
    static final String DEMO_APP_PASSWORD_ENV = "SIMULATOR_APP_PASSWORD";
    static final int DEFAULT_SIMULATOR_PORT = 8085;
    static final int DEFAULT_BROKER_PORT = 9000;
    static final int DEFAULT_MCP_PORT = 8080;
    /** Demo accounts in the simulator: login name, password, Nextcloud user id. */
    static final List<String[]> DEMO_PEOPLE = List.of(new String[] {"alice", "alice-password", "alice"},
            new String[] {"bob", "bob-password", "bob"});

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        if ("single-user".equalsIgnoreCase(env("MODE", "multi-user"))) {
            singleUser(args);
        } else {
            multiUser(args);
        }
    }

    private static void multiUser(String[] args) {
        String nextcloudUrl = env("NEXTCLOUD_URL", "");
        String upstreamIssuer = env("UPSTREAM_ISSUER_URI", "");
        NextcloudSimulator simulator = null;
        Map<String, String> brokerSettings = new LinkedHashMap<>();
        if (nextcloudUrl.isBlank() || upstreamIssuer.isBlank()) {
            simulator = NextcloudSimulator.start(new SimulatorOptions(
                    Integer.parseInt(env("SIMULATOR_PORT", String.valueOf(DEFAULT_SIMULATOR_PORT))),
                    java.time.Clock.systemUTC(), false));
            for (String[] person : DEMO_PEOPLE) {
                simulator.state().addUser(person[2], person[0], capitalise(person[0]), person[1]);
                simulator.state().createFile(person[2], "Notes/Welcome.md", ("# Welcome, " + capitalise(person[0])
                        + "\n\nThis note belongs to " + person[0] + " only.\n").getBytes(), "text/markdown");
            }
        }
        if (nextcloudUrl.isBlank()) {
            nextcloudUrl = simulator.baseUri().toString();
        }
        if (upstreamIssuer.isBlank()) {
            // the simulator's oidc app knows the broker as a confidential client with a per-run secret
            String clientId = "nextcloud-mcp-broker-demo-client-0001";
            String secret = randomSecret();
            simulator.oidc().addBrokerClient(clientId, secret);
            brokerSettings.put("broker.upstream.issuer-uri", trimSlash(simulator.baseUri().toString()));
            brokerSettings.put("broker.upstream.client-id", clientId);
            brokerSettings.put("broker.upstream.client-secret", secret);
        }
        int mcpPort = Integer.parseInt(env("PORT", String.valueOf(DEFAULT_MCP_PORT)));
        int brokerPort = Integer.parseInt(env("BROKER_PORT", String.valueOf(DEFAULT_BROKER_PORT)));
        String resourceUri = env("MCP_RESOURCE_URI", "http://127.0.0.1:" + mcpPort + "/mcp");
        String issuer = env("BROKER_ISSUER", "http://127.0.0.1:" + brokerPort);
        brokerSettings.put("broker.issuer", issuer);
        brokerSettings.put("broker.resources", resourceUri);
        // people connect their Nextcloud account through Login Flow v2 at this Nextcloud; mcp-resource leases the
        // credentials with a per-run lease-client secret (both sides get the same one)
        brokerSettings.put("broker.nextcloud.url", trimSlash(nextcloudUrl));
        String leaseSecret = env("LEASE_CLIENT_SECRET", randomSecret());
        brokerSettings.put("broker.lease-client.client-secret", leaseSecret);
        BrokerProcess broker = BrokerProcess.start(brokerPort, brokerSettings, Path.of(".data/broker.log"));

        List<String> resourceArgs = new ArrayList<>(List.of("--server.port=" + mcpPort, "--mcp.auth.issuer=" + issuer,
                "--mcp.auth.resource-uri=" + resourceUri, "--nextcloud.url=" + nextcloudUrl,
                "--mcp.auth.lease.client-secret=" + leaseSecret));
        resourceArgs.addAll(List.of(args));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(McpResourceApplication.class)
                .run(resourceArgs.toArray(String[]::new));
        NextcloudSimulator startedSimulator = simulator;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            if (startedSimulator != null) {
                startedSimulator.close();
            }
        }, "demo-shutdown"));
        printMultiUserWelcome(System.out, resourceUri, broker, startedSimulator, upstreamIssuer);
        String gatewayPort = env("BEARER_GATEWAY_PORT", "");
        if (!gatewayPort.isBlank() && upstreamIssuer.isBlank()) {
            String[] alice = DEMO_PEOPLE.get(0);
            var gateway = BearerGateway.start(Integer.parseInt(gatewayPort), issuer, resourceUri, alice[0], alice[1]);
            System.out.println(" Bearer gateway (signed in as " + alice[0] + ", for clients without OAuth): "
                    + gateway.baseUrl() + "/mcp");
        }
    }

    private static void singleUser(String[] args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String nextcloudUrl = System.getenv("NEXTCLOUD_URL");
        NextcloudSimulator simulator = null;
        String demoPassword = null;
        if (nextcloudUrl == null || nextcloudUrl.isBlank()) {
            int port = Integer.parseInt(env("SIMULATOR_PORT", String.valueOf(DEFAULT_SIMULATOR_PORT)));
            simulator = NextcloudSimulator.start(new SimulatorOptions(port, java.time.Clock.systemUTC(), false));
            demoPassword = SimulatorMain.seedDemo(simulator, System.getenv(DEMO_APP_PASSWORD_ENV));
            properties.put("nextcloud.url", simulator.baseUri().toString());
            properties.put("nextcloud.username", SimulatorMain.DEMO_USER);
            properties.put("nextcloud.app-password", demoPassword);
        }
        NextcloudSimulator startedSimulator = simulator;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(McpResourceApplication.class)
                .properties(properties)
                .run(args);
        if (startedSimulator != null) {
            context.addApplicationListener(event -> {
                if (event instanceof org.springframework.context.event.ContextClosedEvent) {
                    startedSimulator.close();
                }
            });
        }
        printWelcome(System.out, context, startedSimulator, demoPassword);
    }

    static void printMultiUserWelcome(PrintStream out, String mcpUrl, BrokerProcess broker, NextcloudSimulator simulator,
            String upstreamIssuer) {
        out.println();
        out.println("==================================================================================");
        out.println(" nextcloud-mcp is running (multi-user mode)");
        out.println();
        out.println(" MCP URL:      " + mcpUrl);
        out.println(" Sign-in:      auth-broker at " + broker.baseUrl() + " (log: " + broker.log() + ")");
        if (upstreamIssuer.isBlank()) {
            out.println(" Identity:     the simulator's Nextcloud oidc app at " + simulator.baseUri());
            out.println(" Demo users:   " + String.join(", ", DEMO_PEOPLE.stream().map(p -> p[0] + " / " + p[1]).toList())
                    + "  (login / password)");
        } else {
            out.println(" Identity:     " + upstreamIssuer);
        }
        if (simulator != null) {
            out.println(" Nextcloud:    bundled simulator at " + simulator.baseUri());
        }
        out.println();
        out.println(" Connect:      each person connects their Nextcloud account once at " + broker.baseUrl()
                + "/provision");
        out.println("               (the first tool call answers with that link); account page: " + broker.baseUrl()
                + "/user");
        out.println();
        out.println(" Your MCP client discovers the sign-in service from the MCP URL (OAuth 2.1, RFC 9728).");
        out.println(" Claude Desktop / Cursor / VS Code (mcp.json):");
        out.println("   {\"mcpServers\": {\"nextcloud\": {\"type\": \"http\", \"url\": \"" + mcpUrl + "\"}}}");
        out.println(" Claude Code:");
        out.println("   claude mcp add --transport http nextcloud " + mcpUrl);
        out.println(" MCP Inspector (choose Streamable HTTP, then 'Open Auth Settings' → Quick OAuth Flow):");
        out.println("   npx @modelcontextprotocol/inspector");
        out.println("==================================================================================");
    }

    static void printWelcome(PrintStream out, ConfigurableApplicationContext context, NextcloudSimulator simulator,
            String demoPassword) {
        var environment = context.getEnvironment();
        String host = environment.getProperty("server.address", "127.0.0.1");
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String mcpUrl = "http://" + host + ":" + port + "/mcp";
        out.println();
        out.println("==================================================================================");
        out.println(" nextcloud-mcp is running (single-user mode)");
        out.println();
        out.println(" MCP URL:    " + mcpUrl);
        if (simulator != null) {
            out.println(" Nextcloud:  bundled simulator at " + simulator.baseUri() + " (no NEXTCLOUD_URL given)");
            out.println(" Demo user:  " + SimulatorMain.DEMO_USER + " (the server holds its app password; set "
                    + DEMO_APP_PASSWORD_ENV + " to choose it)");
        } else {
            out.println(" Nextcloud:  " + environment.getProperty("nextcloud.url"));
        }
        out.println();
        out.println(" Claude Desktop / Cursor / VS Code (mcp.json):");
        out.println("   {\"mcpServers\": {\"nextcloud\": {\"type\": \"http\", \"url\": \"" + mcpUrl + "\"}}}");
        out.println(" Claude Code:");
        out.println("   claude mcp add --transport http nextcloud " + mcpUrl);
        out.println(" MCP Inspector:");
        out.println("   npx @modelcontextprotocol/inspector --cli " + mcpUrl + " --transport http --method tools/list");
        out.println("==================================================================================");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String capitalise(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String trimSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
