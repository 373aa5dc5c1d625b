package org.ncmcp.resource.nextcloud;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A successful (2xx or 304) answer from Nextcloud. Header names are case-insensitive. */
public record NextcloudResponse(int status, Map<String, String> headers, byte[] body) {

    public NextcloudResponse {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = caseInsensitive;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The {@code ETag} header without its quotes (and without a weak validator's {@code W/}). */
    public Optional<String> etag() {
        return header("ETag").map(NextcloudResponse::unquoteEtag);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public static String unquoteEtag(String etag) {
        String value = etag.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}
