package org.ncmcp.resource.nextcloud;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to Nextcloud, relative to its base URL. Immutable; build with {@link #get(String)}
 * and friends, then {@link #header}, {@link #jsonBody}.
 *
 * @param pathAndQuery path below the base URL, already encoded, starting with {@code /}
 */
public record NextcloudRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {

    public NextcloudRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        if (!pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
        }
        headers = Map.copyOf(headers);
    }

    public static NextcloudRequest get(String path) {
        return new NextcloudRequest("GET", path, Map.of(), null);
    }

    public static NextcloudRequest post(String path) {
        return new NextcloudRequest("POST", path, Map.of(), null);
    }

    public static NextcloudRequest put(String path) {
        return new NextcloudRequest("PUT", path, Map.of(), null);
    }

    public static NextcloudRequest delete(String path) {
        return new NextcloudRequest("DELETE", path, Map.of(), null);
    }

    public NextcloudRequest header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new NextcloudRequest(method, pathAndQuery, copy, body);
    }

    public NextcloudRequest body(String contentType, byte[] content) {
        return new NextcloudRequest(method, pathAndQuery, headers, content).header("Content-Type", contentType);
    }

    /** Whether repeating this request could change the outcome; decides if a timeout may be retried. */
    public boolean idempotent() {
        return !method.equals("POST");
    }
}
