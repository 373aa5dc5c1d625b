package org.ncmcp.broker.server;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.ncmcp.model.resource.CanonicalUri;
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

    /** Canonical form (shared with mcp-resource, which compares {@code aud} the same way). */
    public static Optional<String> canonical(String value) {
        return CanonicalUri.of(value);
    }
}
