package org.ncmcp.e2e.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small HTTP helpers for simulator tests. */
final class SimulatorHttp {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private SimulatorHttp() {
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder to(NextcloudSimulator simulator, String path) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUri() + path));
    }

    static HttpResponse<String> poll(NextcloudSimulator simulator, String pollToken) throws IOException, InterruptedException {
        return send(to(simulator, "/index.php/login/v2/poll").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + pollToken)));
    }
}
