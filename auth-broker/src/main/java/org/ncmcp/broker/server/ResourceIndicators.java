package org.ncmcp.broker.server;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ncmcp.broker.api.BrokerApiProperties;
import org.ncmcp.model.resource.CanonicalUri;
import org.springframework.stereotype.Component;

/**
 * RFC 8707 resource indicators: which protected resources the broker issues tokens for, compared in
 * canonical form (lower-case scheme and host, default port dropped, no trailing slash, no fragment): the MCP
 * resources of {@code broker.resources} and the broker's own REST API ({@code broker.api.resource}). A token names
 * exactly one of them in {@code aud}, so one for mcp-resource is refused by the API and the other way round.
 */
@Component
public class ResourceIndicators {

    public static final String PARAMETER = "resource";

    private final List<String> known;
    private final String api;
    private final List<String> targets;

    public ResourceIndicators(BrokerProperties properties, BrokerApiProperties apiProperties) {
        this.known = properties.resources().stream().map(URI::toString).map(ResourceIndicators::canonical)
                .map(Optional::orElseThrow).toList();
        String apiResource = apiProperties.resourceFor(properties);
        this.api = canonical(apiResource).orElseThrow(() -> new IllegalStateException("broker.api.resource '"
                + apiResource + "' is not an absolute http(s) URI"));
        if (known.contains(api)) {
            throw new IllegalStateException("broker.api.resource (" + api + ") must differ from every broker.resources"
                    + " entry: tokens for mcp-resource must not be accepted by the broker's API");
        }
        // the API comes last: a request without a resource parameter keeps getting an mcp-resource token
        this.targets = Stream.concat(known.stream(), Stream.of(api)).toList();
    }

    /** The canonical resource of the broker's own REST API, the {@code aud} its tokens carry. */
    public String apiResource() {
        return api;
    }

    /** The resource a request without a {@code resource} parameter is bound to. */
    public String defaultResource() {
        return known.get(0);
    }

    /** The MCP resources ({@code broker.resources}), canonical. */
    public List<String> known() {
        return known;
    }

    /** The canonical form of a known MCP resource, or empty when the value names none (the broker's API included). */
    public Optional<String> resolve(String requested) {
        if (requested != null && known.contains(requested)) {
            return Optional.of(requested); // already canonical: what our own tokens carry, checked on every lease
        }
        return canonical(requested).filter(known::contains);
    }

    /** Everything a token may be issued for: the MCP resources, then the broker's API. */
    public List<String> targets() {
        return targets;
    }

    /**
     * The canonical form of a resource a client may ask a token for (an MCP resource or the broker's API), or empty.
     * The authorization and token endpoints use this; whoever accepts tokens checks its own resource only.
     */
    public Optional<String> resolveTarget(String requested) {
        return canonical(requested).filter(targets::contains);
    }

    /** Canonical form (shared with mcp-resource, which compares {@code aud} the same way). */
    public static Optional<String> canonical(String value) {
        return CanonicalUri.of(value);
    }
}
