package org.ncmcp.e2e.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.broker.BrokerProcess;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import org.ncmcp.e2e.simulator.SimulatorOptions;

/** DCR proxy mode against the simulated Nextcloud oidc app, with its rate limit and its refusals. */
class DcrProxyModeTest {

    static final String BROKER_CLIENT = MultiUserStack.BROKER_CLIENT;
    static NextcloudSimulator simulator;
    static BrokerProcess broker;

    @BeforeAll
    static void start() {
        simulator = NextcloudSimulator.start(SimulatorOptions.defaults());
        broker = SimulatedIdpBroker.start(simulator, "http://127.0.0.1:18931/mcp", Map.of(
                "broker.dcr-proxy.enabled", "true", "broker.dcr-proxy.initial-backoff", "50ms"), "dcr-proxy");
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

    private static HttpResponse<String> register(String name) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(broker.baseUrl() + "/oauth2/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"client_name":"%s","redirect_uris":["http://127.0.0.1:33418/callback"],
                         "grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none"}"""
                        .formatted(name))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("DCR proxy: the registration is mirrored upstream, the IdP's 429s are retried with backoff")
    void mirroredWithRetries() throws Exception {
        simulator.oidc().throttleNextRegistrations(2);
        HttpResponse<String> created = register("Mirrored client");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("client_id").doesNotContain(BROKER_CLIENT); // a broker client, not the IdP's
        assertThat(broker.tail()).contains("name 'Mirrored client'").contains("mirrored upstream as");
    }

    @Test
    @DisplayName("DCR proxy: when the IdP refuses, the client is told why and nothing is left registered")
    void refusedUpstream() throws Exception {
        simulator.oidc().settings().dynamicClientRegistration(false);
        try {
            HttpResponse<String> refused = register("Refused client");
            assertThat(refused.statusCode()).as(refused.body()).isIn(400, 503);
            assertThat(refused.body()).contains("identity provider");
        } finally {
            simulator.oidc().settings().dynamicClientRegistration(true);
        }
    }
}
