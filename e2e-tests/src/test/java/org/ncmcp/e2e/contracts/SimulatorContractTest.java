package org.ncmcp.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Replays every contract fixture against a fresh simulator and checks status, the must-have headers and
 * the body. The same fixtures feed {@link NotesClientContractTest}, which checks our client against them.
 * With {@code NEXTCLOUD_CONTRACT_URL} (and login and app password) set, the same fixtures are replayed
 * against that real Nextcloud instead: record/verify mode, which fails on drift.
 */
class SimulatorContractTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static List<ContractFixture> fixtures() {
        return ContractFixture.all(null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void simulatorAnswersAsTheFixtureSays(ContractFixture fixture) throws Exception {
        RemoteFixtureWorld.Account real = RemoteFixtureWorld.Account.fromEnvironment();
        if (real == null) {
            try (FixtureWorld world = new SimulatorFixtureWorld(fixture)) {
                replay(fixture, world);
            }
        } else {
            replayRemotely(fixture, real);
        }
    }

    static void replayRemotely(ContractFixture fixture, RemoteFixtureWorld.Account account) throws Exception {
        String unsupported = RemoteFixtureWorld.unsupportedReason(fixture, account);
        if (unsupported != null) {
            System.out.println("SKIPPED remote replay of " + fixture + ": " + unsupported);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(unsupported == null, unsupported);
        try (FixtureWorld world = new RemoteFixtureWorld(fixture, account)) {
            replay(fixture, world);
        }
    }

    static void replay(ContractFixture fixture, FixtureWorld world) throws Exception {
        if (fixture.given().path("loginFlow").asBoolean(false)) {
            startLoginFlow(world);
        }
        Placeholders values = world.placeholders();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(world.baseUri() + values.resolve(fixture.request().path("path").asString())));
        fixture.requestHeaders().forEach((name, value) -> request.header(name, values.resolve(value)));
        String body = fixture.request().has("body")
                ? ContractFixture.JSON.writeValueAsString(values.resolve(fixture.request().get("body")))
                : fixture.request().has("bodyText") ? values.resolve(fixture.request().path("bodyText").asString()) : null;
        request.method(fixture.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).as("status of " + fixture).isEqualTo(fixture.status());
        for (Map.Entry<String, String> header : fixture.responseHeaders().entrySet()) {
            String actual = response.headers().firstValue(header.getKey()).orElse(null);
            assertThat(actual).as("header " + header.getKey()).isNotNull();
            if (!"<any>".equals(header.getValue())) {
                assertThat(actual).as("header " + header.getKey()).isEqualTo(values.resolve(header.getValue()));
            }
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (fixture.response().has("bodyText")) {
            String expected = values.resolve(fixture.response().path("bodyText").asString());
            if (!"<any>".equals(expected)) {
                assertThat(text).isEqualTo(expected);
            }
        } else if (fixture.response().has("body")) {
            JsonNode expected = values.resolve(fixture.response().get("body"));
            JsonNode actual = ContractFixture.JSON.readTree(text);
            if (fixture.shapeMatch()) {
                assertThat(ShapeMatcher.mismatches(expected, actual)).as("shape of " + text).isEmpty();
            } else {
                assertThat(actual).isEqualTo(expected);
            }
        }
    }

    private static void startLoginFlow(FixtureWorld world) throws Exception {
        HttpResponse<String> init = HTTP.send(HttpRequest.newBuilder(URI.create(world.baseUri() + "/index.php/login/v2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode flow = ContractFixture.JSON.readTree(init.body());
        world.placeholders().put("loginflow.pollToken", flow.path("poll").path("token").asString())
                .put("loginflow.login", flow.path("login").asString());
    }
}
