package org.ncmcp.model.resource;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The canonical form of a resource URI (MCP authorization spec, "Canonical Server URI"; RS-12): scheme and
 * host lower-case, the scheme's default port dropped, no trailing slash, no fragment. Two spellings of the
 * same server compare equal in this form, so {@code HTTPS://MCP.example.com/mcp/} matches
 * {@code https://mcp.example.com/mcp}. The path stays case-sensitive, as URI paths are.
 */
public final class CanonicalUri {

    private CanonicalUri() {
    }

    /** The canonical form, or empty when the value is not an absolute http(s) URI naming a host. */
    public static Optional<String> of(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        // User info and fragments have no place in a resource identifier (RFC 8707 §2).
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        if (!defaultPort) {
            canonical.append(':').append(port);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        canonical.append(path);
        if (uri.getRawQuery() != null) {
            canonical.append('?').append(uri.getRawQuery());
        }
        return Optional.of(canonical.toString());
    }
}
