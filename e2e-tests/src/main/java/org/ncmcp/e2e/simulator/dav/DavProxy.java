package org.ncmcp.e2e.simulator.dav;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/**
 * The simulator's {@code /remote.php/dav/} (and legacy {@code /remote.php/webdav/}): checks Basic auth against the
 * simulator's users and app passwords, then forwards method, DAV headers and body to a real DAV server with that
 * server's own password for the user (nextcloud-api.md §2.1 item 2). {@code Destination} is rewritten to the
 * backend and {@code Location} back to the simulator; the legacy root is mapped to {@code files/<user>/}.
 */
public final class DavProxy {

    /** Methods a Nextcloud DAV endpoint answers (RFC 4918, 3253, 4791, 5689, 5323). */
    static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PROPFIND", "PROPPATCH",
            "MKCOL", "COPY", "MOVE", "REPORT", "SEARCH", "LOCK", "UNLOCK", "POST", "MKCALENDAR", "ACL");
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Depth", "Overwrite", "If-Match",
            "If-None-Match", "If", "Content-Type", "Range", "If-Modified-Since", "Lock-Token", "Timeout",
            "Accept", "Prefer", "Brief");
    /** Hop-by-hop or recomputed by the JDK server. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("connection", "content-length",
            "transfer-encoding", "keep-alive", "date", "server", "x-powered-by", "host");
    private static final String DAV_ROOT = "/remote.php/dav";
    private static final String LEGACY_ROOT = "/remote.php/webdav";

    /** Methods that never change the files tree; after any other one the tree's owner is told. */
    private static final Set<String> READ_ONLY_METHODS = Set.of("GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT",
            "SEARCH");

    /**
     * Told after a request that may have changed {@code files/<user>/} succeeded, before the client gets the answer,
     * so the simulator's file ids follow WebDAV changes at once. Paths are relative to the user's home and decoded;
     * {@code destination} is the MOVE or COPY target inside the same home, or null.
     */
    @FunctionalInterface
    public interface FilesChangeListener {
        void changed(String userId, String method, String path, String destination);
    }

    private final SimulatorState state;
    private volatile FilesChangeListener filesListener = (userId, method, path, destination) -> {
    };
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile DavBackend backend;

    public DavProxy(SimulatorState state) {
        this.state = state;
    }

    /** Forwards to {@code backend} from now on; null answers 503 again. */
    public void attach(DavBackend davBackend) {
        this.backend = davBackend;
    }

    public void onFilesChanged(FilesChangeListener listener) {
        this.filesListener = listener;
    }

    public void register(Router router) {
        for (String method : METHODS) {
            router.on(method, DAV_ROOT + "(/.*)?", this::forward);
            router.on(method, LEGACY_ROOT + "(/.*)?", this::forward);
        }
    }

    private void forward(SimExchange exchange) throws IOException {
        DavBackend attached = backend;
        if (attached == null) {
            sendError(exchange, 503, "Sabre\\DAV\\Exception\\ServiceUnavailable",
                    "No DAV server is attached to this simulator (start one with SabreDavServer)");
            return;
        }
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty()) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Nextcloud\", charset=\"UTF-8\"");
            sendError(exchange, 401, "Sabre\\DAV\\Exception\\NotAuthenticated",
                    "No public access to this resource., Username or password was incorrect");
            return;
        }
        String userId = caller.get().user().userId();
        String path = exchange.path();
        boolean legacy = path.startsWith(LEGACY_ROOT);
        String filesRoot = DAV_ROOT + "/files/" + encodeSegment(userId);
        String backendPath = legacy ? filesRoot + path.substring(LEGACY_ROOT.length()) : path;
        if (backendPath.equals(DAV_ROOT)) {
            backendPath = DAV_ROOT + "/";
        }
        DavBackend target = attached.routeFor(backendPath);
        URI uri = URI.create(target.baseUri() + target.requestPath(backendPath));
        byte[] body = exchange.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(exchange.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (userId + ":" + target.passwordFor(userId)).getBytes(StandardCharsets.UTF_8)));
        target.requestHeaders().forEach(request::header);
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = exchange.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        String destination = exchange.header("Destination");
        if (destination != null) {
            request.header("Destination", rewriteDestination(destination, target, legacy, filesRoot));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to the DAV server", interrupted);
        }
        response.headers().map().forEach((name, values) -> {
            if (!DROPPED_RESPONSE_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                String value = values.get(0);
                if (name.equalsIgnoreCase("Location")) {
                    value = value.replace(target.baseUri().toString(), exchange.requestBaseUrl());
                }
                exchange.setHeader(name, value);
            }
        });
        notifyFilesChange(exchange, response.statusCode(), userId, backendPath, filesRoot, legacy);
        byte[] content = response.body();
        if (legacy && content.length > 0 && isXml(response)) {
            // hrefs come back in the files/<user>/ form; legacy clients expect them below /remote.php/webdav/
            content = new String(content, StandardCharsets.UTF_8).replace(filesRoot, LEGACY_ROOT)
                    .getBytes(StandardCharsets.UTF_8);
        }
        String type = response.headers().firstValue("Content-Type").orElse(null);
        exchange.send(response.statusCode(), type, exchange.method().equals("HEAD") ? null : content);
    }

    private void notifyFilesChange(SimExchange exchange, int status, String userId, String backendPath,
            String filesRoot, boolean legacy) {
        if (status < 200 || status > 299 || READ_ONLY_METHODS.contains(exchange.method())) {
            return;
        }
        String path = relativeTo(filesRoot, backendPath);
        if (path == null) {
            return;
        }
        String destination = null;
        String header = exchange.header("Destination");
        if (header != null) {
            try {
                String rawPath = URI.create(header).getRawPath();
                if (legacy && rawPath != null && rawPath.startsWith(LEGACY_ROOT)) {
                    rawPath = filesRoot + rawPath.substring(LEGACY_ROOT.length());
                }
                destination = rawPath == null ? null : relativeTo(filesRoot, rawPath);
            } catch (IllegalArgumentException malformed) {
                destination = null;
            }
        }
        filesListener.changed(userId, exchange.method(), path, destination);
    }

    /** The decoded path below {@code files/<user>}, "" for the home itself, or null when elsewhere. */
    private static String relativeTo(String filesRoot, String rawPath) {
        if (!rawPath.equals(filesRoot) && !rawPath.startsWith(filesRoot + "/")) {
            return null;
        }
        String decoded = URI.create("http://simulator" + rawPath.substring(filesRoot.length())).getPath();
        return decoded == null ? "" : decoded.replaceAll("^/+|/+$", "");
    }

    /** Only destinations on this simulator are forwarded; anything else is left for the DAV server to refuse. */
    private static String rewriteDestination(String destination, DavBackend target, boolean legacy, String filesRoot) {
        URI uri;
        try {
            uri = URI.create(destination);
        } catch (IllegalArgumentException malformed) {
            return destination;
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (legacy && rawPath.startsWith(LEGACY_ROOT)) {
            rawPath = filesRoot + rawPath.substring(LEGACY_ROOT.length());
        }
        return target.baseUri() + rawPath;
    }

    private static boolean isXml(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").map(t -> t.contains("xml")).orElse(false);
    }

    private static String encodeSegment(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sendError(SimExchange exchange, int status, String exception, String message)
            throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">\n"
                + "  <s:exception>" + exception + "</s:exception>\n"
                + "  <s:message>" + message + "</s:message>\n</d:error>\n";
        exchange.send(status, "application/xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }
}
