package org.ncmcp.e2e.contacts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ncmcp.e2e.simulator.dav.DavBackend;

/**
 * sabre/dav 1.8 as Nextcloud names its address book home. sabre 1.8's CardDAV plugin builds
 * {@code addressbook-home-set} as {@code addressbooks/<principal name>/} (Sabre/CardDAV/Plugin.php, ADDRESSBOOK_ROOT),
 * while the harness mounts the books where Nextcloud has them, {@code addressbooks/users/<user>/}; so the home it
 * names does not exist. Until the harness's server.php names the right home, this hop corrects that one property in
 * 207 answers and passes everything else through unchanged, so the contacts tools still discover their home through
 * the principal, as they must on Nextcloud.
 */
final class NextcloudAddressBookHome implements DavBackend {

    private static final Pattern SABRE_HOME = Pattern.compile(
            "(addressbook-home-set>\\s*<([A-Za-z0-9]+:)?href>[^<]*?/remote\\.php/dav/addressbooks/)(?!users/)");
    /** The JDK client sets these itself or refuses them. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive");

    private final DavBackend sabre;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private NextcloudAddressBookHome(DavBackend sabre) throws IOException {
        this.sabre = sabre;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    static NextcloudAddressBookHome in(DavBackend sabre) {
        try {
            return new NextcloudAddressBookHome(sabre);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI received = exchange.getRequestURI();
            URI uri = URI.create(sabre.baseUri() + received.getRawPath()
                    + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery()));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", interrupted);
            }
            byte[] content = response.body();
            String text = new String(content, StandardCharsets.UTF_8);
            if (text.contains("addressbook-home-set")) {
                content = SABRE_HOME.matcher(text).replaceAll("$1users/").getBytes(StandardCharsets.UTF_8);
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.equals(":status")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            boolean empty = content.length == 0 || response.statusCode() == 204 || response.statusCode() == 304
                    || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : content.length);
            if (!empty) {
                exchange.getResponseBody().write(content);
            }
        }
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public String passwordFor(String userId) {
        return sabre.passwordFor(userId);
    }

    /** Stops this hop only; whoever started sabre stops it. */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
