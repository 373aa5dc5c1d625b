package org.ncmcp.broker.client.upstream;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What the broker uses of the upstream IdP's OpenID Provider metadata.
 *
 * @param issuer the verified issuer
 * @param authorizationEndpoint the authorization endpoint
 * @param tokenEndpoint the token endpoint
 * @param jwksUri the key set, or null
 * @param registrationEndpoint the RFC 7591 registration endpoint, or null when the IdP has none
 * @param fetchedAt when the document was fetched
 */
public record UpstreamProviderMetadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri,
        URI registrationEndpoint, Instant fetchedAt) {

    public Optional<URI> registration() {
        return Optional.ofNullable(registrationEndpoint);
    }
}
