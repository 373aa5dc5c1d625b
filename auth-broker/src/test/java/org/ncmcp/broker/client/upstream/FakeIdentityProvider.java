package org.ncmcp.broker.client.upstream;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ncmcp.broker.client.metadata.LoopbackServer;

/**
 * An IdP on a real loopback HTTP server: a discovery document under {@code /realms/mcp} and a registration
 * endpoint that plays a script of answers, recording what it was sent.
 */
final class FakeIdentityProvider implements AutoCloseable {

    static final String REALM = "/realms/mcp";
    static final String WELL_KNOWN = REALM + "/.well-known/openid-configuration";
    static final String REGISTER = REALM + "/clients-registrations/openid-connect";

    /** One scripted answer: status, JSON body and headers as name, value pairs. */
    record Answer(int status, String body, String... headers) {
    }

    private final LoopbackServer server;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer repeat;
    private volatile String statedIssuer;
    private volatile boolean advertiseRegistration = true;
    final List<String> requestBodies = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    FakeIdentityProvider() throws IOException {
        server = LoopbackServer.http();
        statedIssuer = issuer();
        server.route(WELL_KNOWN, this::discovery);
        server.route(REGISTER, this::register);
    }

    String issuer() {
        return "http://127.0.0.1:" + server.port() + REALM;
    }

    int discoveryHits() {
        return server.hits(WELL_KNOWN);
    }

    int registrationHits() {
        return server.hits(REGISTER);
    }

    void stateIssuer(String issuer) {
        this.statedIssuer = issuer;
    }

    void withoutRegistrationEndpoint() {
        this.advertiseRegistration = false;
    }

    /** Answers in this order, then the last one for ever. */
    void answer(Answer... answers) {
        script.addAll(List.of(answers));
        repeat = answers[answers.length - 1];
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String base = "http://127.0.0.1:" + server.port() + REALM;
        String registration = advertiseRegistration ? ", \"registration_endpoint\": \"http://127.0.0.1:" + server.port() + REGISTER + "\"" : "";
        LoopbackServer.respond(exchange, 200, "application/json", """
                {"issuer": "%s", "authorization_endpoint": "%s/protocol/openid-connect/auth",
                 "token_endpoint": "%s/protocol/openid-connect/token", "jwks_uri": "%s/protocol/openid-connect/certs"%s}"""
                .formatted(statedIssuer, base, base, base, registration));
    }

    private void register(HttpExchange exchange) throws IOException {
        requestBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        Answer answer = script.poll();
        if (answer == null) {
            answer = repeat;
        }
        LoopbackServer.respond(exchange, answer.status(), "application/json", answer.body(), answer.headers());
    }

    @Override
    public void close() {
        server.close();
    }
}
