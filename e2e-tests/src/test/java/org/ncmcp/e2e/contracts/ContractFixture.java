package org.ncmcp.e2e.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One contract fixture from {@code src/test/resources/contracts/nextcloud/<area>/<case>.json}: a request,
 * the response Nextcloud gives to it, and where that fact comes from ({@code source}: {@code doc:},
 * {@code openapi:}, {@code real:} or {@code quirk:}). The same file is replayed against the simulator and
 * served to our clients, so the two cannot drift apart.
 *
 * <p>Format: {@code {"name","source","ncVersion","given":{notes:[…], deck:{…}, cookbook:{…}, tables:[…],
 * loginFlow:bool, revokeAppPassword:bool},
 * "request":{"method","path","headers":{},"body"},"response":{"status","headers":{},"match":"exact"|"shape",
 * "body"|"bodyText"}}}. Strings may hold placeholders {@code {{name}}}; in a shape match a JSON value's type
 * must agree, and the string {@code "<any>"} matches anything (also as a header value: "present").
 */
public record ContractFixture(String id, JsonNode root) {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Path ROOT = contractsRoot();

    public String name() {
        return root.path("name").asString(id);
    }

    public String source() {
        return root.path("source").asString("");
    }

    public JsonNode given() {
        return root.path("given");
    }

    public JsonNode request() {
        return root.path("request");
    }

    public JsonNode response() {
        return root.path("response");
    }

    public String method() {
        return request().path("method").asString("GET");
    }

    public Map<String, String> requestHeaders() {
        return strings(request().path("headers"));
    }

    public Map<String, String> responseHeaders() {
        return strings(response().path("headers"));
    }

    public int status() {
        return response().path("status").asInt();
    }

    public boolean shapeMatch() {
        return "shape".equals(response().path("match").asString("exact"));
    }

    @Override
    public String toString() {
        return id;
    }

    /** Every fixture below {@code contracts/nextcloud}, or below one area of it. */
    public static List<ContractFixture> all(String area) {
        Path base = area == null ? ROOT : ROOT.resolve(area);
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted()
                    .map(ContractFixture::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ContractFixture named(String id) {
        return load(ROOT.resolve(id + ".json"));
    }

    private static ContractFixture load(Path file) {
        String id = ROOT.relativize(file).toString().replace(".json", "");
        try {
            return new ContractFixture(id, JSON.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
        return values;
    }

    private static Path contractsRoot() {
        try {
            return Path.of(ContractFixture.class.getResource("/contracts/nextcloud").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
