package org.ncmcp.e2e.simulator.oidc;

import java.util.List;

/**
 * A client of the oidc app, as its {@code oc_oidc_clients} row holds it.
 *
 * @param uid the internal row id (access tokens and consents point at it)
 * @param clientId the public identifier ({@code client_identifier}); 64 characters when generated
 * @param secret the client secret; 64 characters when generated
 * @param type {@code confidential} or {@code public}
 * @param flowType {@code code} (the only flow the simulator serves) or {@code code id_token}
 * @param tokenType {@code opaque} (72 characters) or {@code jwt} (RFC 9068 access tokens)
 * @param allowedScopes space-separated; empty means any scope is accepted
 * @param resourceUrl the client's RFC 9728 resource, the access token's {@code aud} fallback; may be null
 * @param dcr whether the client was registered dynamically (and so expires)
 * @param issuedAt epoch seconds
 */
public record OidcClient(long uid, String clientId, String secret, String name, List<String> redirectUris,
        String signingAlg, String type, String flowType, String tokenType, String allowedScopes, String resourceUrl,
        boolean dcr, long issuedAt) {

    public OidcClient {
        redirectUris = List.copyOf(redirectUris);
    }

    public boolean isPublic() {
        return "public".equals(type);
    }

    OidcClient withRedirectUris(List<String> uris) {
        return new OidcClient(uid, clientId, secret, name, uris, signingAlg, type, flowType, tokenType, allowedScopes,
                resourceUrl, dcr, issuedAt);
    }

    OidcClient withSettings(String newName, String newSigningAlg, String newFlowType, String newAllowedScopes) {
        return new OidcClient(uid, clientId, secret, newName, redirectUris, newSigningAlg, type, newFlowType, tokenType,
                newAllowedScopes, resourceUrl, dcr, issuedAt);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "OidcClient[" + clientId + ", " + type + ", tokenType=" + tokenType + ", dcr=" + dcr + ", redirectUris="
                + redirectUris + "]";
    }
}
