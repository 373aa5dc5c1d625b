package org.ncmcp.e2e.sharing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ncmcp.e2e.contracts.ContractFixture;
import org.ncmcp.e2e.contracts.Placeholders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the sharing fixtures' responses to our client, as the contracts package's stub does for Notes (that one is
 * package-private): a request whose method and path with query equal a fixture's gets its response; anything else
 * is a 599, so a client test fails loudly. "&lt;any&gt;" values are served as fixed stand-ins. The Tables client
 * tests use it too ({@link #of}).
 */
public final class SharingFixtureStub implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<ContractFixture> fixtures;
    private final Placeholders values = new Placeholders();

    SharingFixtureStub(String... fixtureIds) throws IOException {
        this(List.of(fixtureIds).stream().map(id -> ContractFixture.named("sharing/" + id)).toList());
    }

    private SharingFixtureStub(List<ContractFixture> fixtures) throws IOException {
        this.fixtures = fixtures;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves fixtures of any area, by id below {@code contracts/nextcloud}, e.g. {@code tables/list-empty}. */
    public static SharingFixtureStub of(String... fixtureIds) throws IOException {
        return new SharingFixtureStub(List.of(fixtureIds).stream().map(ContractFixture::named).toList());
    }

    /** A value for a placeholder in the fixtures' paths and bodies, e.g. the id {@code table0.id} stands for. */
    public SharingFixtureStub with(String placeholder, Object value) {
        values.put(placeholder, value);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        exchange.getRequestBody().readAllBytes();
        for (ContractFixture fixture : fixtures) {
            if (fixture.method().equals(exchange.getRequestMethod()) && target.equals(path(fixture))) {
                String body = JSON.writeValueAsString(values.resolve(fixture.response().path("body")))
                        .replace("\"<any>\"", "\"42\"");
                send(exchange, fixture.status(), body);
                return;
            }
        }
        send(exchange, 599, "no fixture for " + exchange.getRequestMethod() + " " + target);
    }

    /** The fixture's path with placeholders filled, or null when a value is missing (then it matches nothing). */
    private String path(ContractFixture fixture) {
        try {
            return values.resolve(fixture.request().path("path").asString());
        } catch (IllegalArgumentException unknownPlaceholder) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
