package org.ncmcp.broker.client.metadata;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ncmcp.broker.server.RedirectUris;

/**
 * A validated Client ID Metadata Document: what the broker uses of it.
 *
 * @param clientId the client identifier URL, exactly as the client sent it and the document states it
 * @param clientName the name the client gives itself, or null
 * @param clientUri the client's home page (https only), or null
 * @param logoUri the client's logo (https only), or null
 * @param redirectUris the registered redirect URIs, in document order, without duplicates
 * @param grantTypes {@code authorization_code}, optionally {@code refresh_token}
 * @param responseTypes {@code code}
 * @param tokenEndpointAuthMethod {@code none}, or {@code private_key_jwt} when enabled
 * @param jwksUri the client's key set for {@code private_key_jwt}, or null
 * @param tokenEndpointAuthSigningAlg the JWS algorithm of its client assertions ({@code private_key_jwt}
 *     only; RS256 when the document states none), or null
 * @param scopes the scopes the document asks for; empty when it states none
 * @param warnings sentences for the consent page that the person deciding should read
 */
public record ClientMetadataDocument(
        String clientId,
        String clientName,
        String clientUri,
        String logoUri,
        List<String> redirectUris,
        Set<String> grantTypes,
        Set<String> responseTypes,
        String tokenEndpointAuthMethod,
        String jwksUri,
        String tokenEndpointAuthSigningAlg,
        Set<String> scopes,
        List<String> warnings) {

    public ClientMetadataDocument {
        redirectUris = List.copyOf(redirectUris);
        grantTypes = Set.copyOf(grantTypes);
        responseTypes = Set.copyOf(responseTypes);
        scopes = Set.copyOf(scopes);
        warnings = List.copyOf(warnings);
    }

    /** The host of the client_id URL: who vouches for this client (AS-03: show it on the consent page). */
    public String clientIdHost() {
        return URI.create(clientId).getHost();
    }

    /** The distinct hosts the client may be redirected to, in document order. */
    public List<String> redirectHosts() {
        Set<String> hosts = new LinkedHashSet<>();
        for (String uri : redirectUris) {
            hosts.add(URI.create(uri).getHost());
        }
        return List.copyOf(hosts);
    }

    /** True when every redirect goes back to the user's own computer. */
    public boolean localhostOnly() {
        return redirectUris.stream().allMatch(uri -> RedirectUris.isLoopback(URI.create(uri).getHost()));
    }

    /** The name to show: the stated name, else the client_id host. */
    public String displayName() {
        return clientName != null ? clientName : clientIdHost();
    }

    /** A public client (no client authentication at the token endpoint; PKCE protects the code). */
    public boolean isPublic() {
        return "none".equals(tokenEndpointAuthMethod);
    }
}
