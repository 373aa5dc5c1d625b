package org.ncmcp.e2e.simulator;

import java.time.Clock;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/**
 * Runs the simulator from the command line with the demo user:
 * {@code SimulatorMain [--port 8085] [--app-password P] [--test-hooks] [--oidc-client ID:SECRET]}. The app password
 * may also come from {@code SIMULATOR_APP_PASSWORD}; otherwise a new one is generated and printed.
 * {@code --oidc-client} registers the auth-broker's client with the {@code oidc} app (redirect URI on any port).
 */
public final class SimulatorMain {

    public static final String DEMO_USER = "demo";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8085;
        String appPassword = System.getenv("SIMULATOR_APP_PASSWORD");
        boolean testHooks = false;
        String oidcClient = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--app-password" -> appPassword = args[++i];
                case "--test-hooks" -> testHooks = true;
                case "--oidc-client" -> oidcClient = args[++i];
                default -> {
                    System.err.println("Unknown argument " + args[i]
                            + ". Usage: SimulatorMain [--port N] [--app-password P] [--test-hooks] [--oidc-client ID:SECRET]");
                    System.exit(2);
                }
            }
        }
        NextcloudSimulator simulator = NextcloudSimulator.start(new SimulatorOptions(port, Clock.systemUTC(), testHooks));
        String password = seedDemo(simulator, appPassword);
        System.out.println("Nextcloud simulator at " + simulator.baseUri());
        System.out.println("user: " + DEMO_USER + "  login password: " + DEMO_USER + "  app password: " + password);
        if (oidcClient != null && oidcClient.contains(":")) {
            String clientId = oidcClient.substring(0, oidcClient.indexOf(':'));
            simulator.oidc().addBrokerClient(clientId, oidcClient.substring(oidcClient.indexOf(':') + 1));
            System.out.println("oidc issuer: " + simulator.baseUri() + "  client: " + clientId);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        Thread.currentThread().join();
    }

    /**
     * Adds the demo user with its app password (the given one, or a new one) and two welcome notes.
     *
     * @return the demo user's app password
     */
    public static String seedDemo(NextcloudSimulator simulator, String appPassword) {
        SimulatorState state = simulator.state();
        state.addUser(DEMO_USER, DEMO_USER, "Demo User", DEMO_USER);
        String password = appPassword == null || appPassword.isBlank() ? state.issueAppPassword(DEMO_USER) : appPassword;
        if (appPassword != null && !appPassword.isBlank()) {
            state.addAppPassword(DEMO_USER, appPassword);
        }
        state.createFile(DEMO_USER, "Notes/Welcome to nextcloud-mcp.md", ("# Welcome to nextcloud-mcp\n\nAsk your"
                + " assistant to search, read, append to or update your notes.\n").getBytes(), "text/markdown");
        state.createFile(DEMO_USER, "Notes/Work/Project ideas.md", ("# Project ideas\n\n- a Deck board for the"
                + " launch\n- move the budget sheet to Tables\n").getBytes(), "text/markdown");
        return password;
    }
}
