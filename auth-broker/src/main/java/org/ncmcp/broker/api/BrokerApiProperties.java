package org.ncmcp.broker.api;

import java.net.URI;
import org.ncmcp.broker.server.BrokerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The broker's own REST API ({@code /api/v1}) as an OAuth protected resource.
 *
 * @param resource the RFC 8707 resource indicator clients name to get a token for this API; the token's {@code aud}.
 *     Empty: {@code <broker.issuer>/api}. It must differ from every entry of {@code broker.resources}, so a token
 *     for mcp-resource is never accepted here and a token for this API never at mcp-resource.
 * @param defaultPageSize page size of the list endpoints when the caller sends none
 * @param maxPageSize the largest {@code size} a caller may ask for
 */
@ConfigurationProperties("broker.api")
public record BrokerApiProperties(URI resource, @DefaultValue("20") int defaultPageSize,
        @DefaultValue("100") int maxPageSize) {

    public BrokerApiProperties {
        if (maxPageSize < 1 || maxPageSize > 1000) {
            throw new IllegalArgumentException("broker.api.max-page-size must be between 1 and 1000, was " + maxPageSize);
        }
        if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
            throw new IllegalArgumentException("broker.api.default-page-size must be between 1 and broker.api.max-page-size ("
                    + maxPageSize + "), was " + defaultPageSize);
        }
    }

    /** The configured resource, or the issuer's {@code /api}. */
    public String resourceFor(BrokerProperties broker) {
        return resource == null || resource.toString().isBlank() ? broker.issuerString() + "/api" : resource.toString();
    }
}
