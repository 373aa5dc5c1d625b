package org.ncmcp.resource.nextcloud;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A successful (2xx or 304) answer from Nextcloud. */
public record NextcloudResponse(int status, HttpHeaders headers, byte[] body) {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
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
