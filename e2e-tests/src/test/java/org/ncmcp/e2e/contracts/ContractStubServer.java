package org.ncmcp.e2e.contracts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Serves contract fixtures' responses over real HTTP: a request whose method and path (with query) equal
 * a fixture's gets that fixture's response, with placeholders filled from stub values. Anything else is a
 * 599 so a client test fails loudly. This is how our clients are tested against the very facts the
 * simulator is held to.
 */
final class ContractStubServer implements AutoCloseable {

    private final HttpServer server;
    private final List<ContractFixture> fixtures;
    private final Placeholders values;

    ContractStubServer(List<ContractFixture> fixtures) throws IOException {
        this.fixtures = fixtures;
        this.values = stubValues();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Fixed placeholder values for stub mode: note N has id 1000+N and etag "etag-N". */
    static Placeholders stubValues() {
        Placeholders values = new Placeholders()
                .put("basic:alice", SimulatorFixtureWorld.basic("alice", "stub-app-password"))
                .put("basic:alice:wrong", SimulatorFixtureWorld.basic("alice", "wrong"))
                .put("basic:alice:login", SimulatorFixtureWorld.basic("alice", "login"))
                .put("loginflow.pollToken", "stub-poll-token");
        for (int i = 0; i < 10; i++) {
            values.put("note" + i + ".id", 1000L + i).put("note" + i + ".etag", "etag-" + i);
        }
        return values;
    }

    Placeholders values() {
        return values;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        exchange.getRequestBody().readAllBytes();
        for (ContractFixture fixture : fixtures) {
            String path = values.resolve(fixture.request().path("path").asString());
            if (fixture.method().equals(exchange.getRequestMethod()) && path.equals(target)) {
                respond(exchange, fixture);
                return;
            }
        }
        byte[] body = ("no fixture for " + exchange.getRequestMethod() + " " + target).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(599, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void respond(HttpExchange exchange, ContractFixture fixture) throws IOException {
        byte[] body;
        if (fixture.response().has("bodyText")) {
            body = values.resolve(fixture.response().path("bodyText").asString()).getBytes(StandardCharsets.UTF_8);
        } else {
            JsonNode json = values.resolve(fixture.response().path("body"));
            body = json.isMissingNode() ? new byte[0] : ContractFixture.JSON.writeValueAsBytes(json);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        }
        for (Map.Entry<String, String> header : fixture.responseHeaders().entrySet()) {
            String value = "<any>".equals(header.getValue()) ? "\"any\"" : values.resolve(header.getValue());
            exchange.getResponseHeaders().set(header.getKey(), value);
        }
        exchange.sendResponseHeaders(fixture.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
