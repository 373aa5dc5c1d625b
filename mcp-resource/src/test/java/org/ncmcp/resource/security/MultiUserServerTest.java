package org.ncmcp.resource.security;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * mcp-resource in multi-user mode on a random port, trusting a {@link TestAuthorizationServer}. Nextcloud
 * is a recorder that answers 500 to anything: no test here should ever reach it (multi-user mode has no
 * credentials yet, and must never forward the caller's token). Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.auth.resource-uri=" + MultiUserServerTest.RESOURCE)
abstract class MultiUserServerTest {

    /** The canonical URI clients use; deliberately not this test server's address, as behind a proxy. */
    static final String RESOURCE = "https://mcp.example.com/mcp";
    static final String METADATA_URL = "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";
    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    static final TestAuthorizationServer broker = TestAuthorizationServer.start();
    static final RecordingNextcloud nextcloud = new RecordingNextcloud();

    @DynamicPropertySource
    static void multiUserMode(DynamicPropertyRegistry registry) {
        registry.add("mcp.auth.issuer", broker::issuer);
        registry.add("nextcloud.url", nextcloud::baseUrl);
    }

    @LocalServerPort
    int port;

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    HttpResponse<String> postWithToken(String token, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return post("/mcp", body, all);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    static String challenge(HttpResponse<?> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    static String toolCall(String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + arguments + "}}";
    }

    /** A Nextcloud that records what reaches it. */
    static final class RecordingNextcloud {

        private final HttpServer server;
        private final List<String> authorizationHeaders = new CopyOnWriteArrayList<>();

        RecordingNextcloud() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            server.createContext("/", exchange -> {
                authorizationHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String> authorizationHeaders() {
            return authorizationHeaders;
        }
    }
}
