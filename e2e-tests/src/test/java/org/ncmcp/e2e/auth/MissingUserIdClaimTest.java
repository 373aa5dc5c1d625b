package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.oauth.HeadlessSignIn;
import org.ncmcp.e2e.oauth.McpOAuthClient;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;

/**
 * The Nextcloud user id comes from a configurable IdP claim; a sign-in whose tokens lack it is refused
 * with a page that says what is missing, and no authorization code reaches the client.
 */
class MissingUserIdClaimTest {

    static NextcloudSimulator simulator;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        simulator.state().addUser("carol", "carol", "Carol C.", "carol-login-password");
        broker = SimulatedIdpBroker.start(simulator, "http://127.0.0.1:18931/mcp",
                Map.of("broker.upstream.user-id-claim", "nextcloud_uid"), "missing-claim");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @DisplayName("A sign-in without the configured user-id claim ends on an error page naming the problem")
    void refused() {
        McpOAuthClient client = new McpOAuthClient(broker.baseUrl(), "http://127.0.0.1:33418/callback");
        client.register("Claim test");
        assertThatThrownBy(() -> client.signIn(new HeadlessSignIn("carol", "carol-login-password"), "notes:read",
                "http://127.0.0.1:18931/mcp"))
                .hasMessageContaining("/login-error")
                .hasMessageContaining("does not say which Nextcloud user you are");
        assertThat(broker.tail()).contains("login subject=carol client=null outcome=refused no 'nextcloud_uid' claim");
    }
}
