package org.ncmcp.e2e.demo;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorMain;
import org.ncmcp.e2e.simulator.SimulatorOptions;
import org.ncmcp.resource.McpResourceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's run command. With {@code NEXTCLOUD_URL} set it starts mcp-resource in single-user mode
 * against that Nextcloud; without it, it first starts the bundled Nextcloud simulator with a seeded demo
 * user, so the system can be tried with no Nextcloud at hand. Either way it prints the MCP URL and a
 * client configuration to paste. Extra arguments go to mcp-resource (e.g. {@code --server.port=9090}).
 */
public final class DemoLauncher {

    /** Fixed so that the printed client configuration keeps working across restarts of the demo. */
    static final String DEMO_APP_PASSWORD_ENV = "SIMULATOR_APP_PASSWORD";
    static final int DEFAULT_SIMULATOR_PORT = 8085;

    private DemoLauncher() {
    }

    public static void main(String[] args) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String nextcloudUrl = System.getenv("NEXTCLOUD_URL");
        NextcloudSimulator simulator = null;
        String demoPassword = null;
        if (nextcloudUrl == null || nextcloudUrl.isBlank()) {
            int port = Integer.parseInt(System.getenv().getOrDefault("SIMULATOR_PORT",
                    String.valueOf(DEFAULT_SIMULATOR_PORT)));
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
}
