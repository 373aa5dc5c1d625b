package org.ncmcp.broker.server;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * RFC 8707 resource indicators: which protected resources the broker issues tokens for, compared in
 * canonical form (lower-case scheme and host, default port dropped, no trailing slash, no fragment).
 */
@Component
public class ResourceIndicators {

    public static final String PARAMETER = "resource";

    private final List<String> known;

    public ResourceIndicators(BrokerProperties properties) {
        this.known = properties.resources().stream().map(URI::toString).map(ResourceIndicators::canonical)
                .map(Optional::orElseThrow).toList();
    }

    /** The resource a request without a {@code resource} parameter is bound to. */
    public String defaultResource() {
        return known.get(0);
    }

    public List<String> known() {
        return known;
    }

    /** The canonical form of a known resource, or empty when the value names no resource of ours. */
    public Optional<String> resolve(String requested) {
        return canonical(requested).filter(known::contains);
    }

    /** Canonical form of an absolute http(s) URI without fragment; empty when it is not one. */
    public static Optional<String> canonical(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null
                    || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            StringBuilder out = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
            if (!defaultPort) {
                out.append(':').append(port);
            }
            out.append(path);
            if (uri.getRawQuery() != null) {
                out.append('?').append(uri.getRawQuery());
            }
            return Optional.of(out.toString());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
