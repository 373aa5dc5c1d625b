package org.ncmcp.e2e.simulator.oidc;

import java.util.List;
import java.util.Objects;

/**
 * A client an administrator creates ({@code occ oidc:create} or the admin page), for tests to pre-register.
 * Client id and secret, when given, must be printable ASCII without {@code :} and 32-64 characters long (the
 * occ command's rule); null generates 64 random characters. Redirect URIs follow the app's rules: a URI
 * without a port matches <em>any</em> port, which is how one entry serves a loopback client on a random port.
 *
 * @param type {@code confidential} or {@code public}
 * @param tokenType {@code opaque} or {@code jwt}
 * @param allowedScopes space-separated, empty for any
 * @param resourceUrl RFC 9728 resource URL, or null
 * @param signingAlg {@code RS256} or {@code HS256} (anything else becomes HS256, as in the app)
 */
public record ClientSpec(String clientId, String secret, String name, List<String> redirectUris, String type,
        String tokenType, String allowedScopes, String resourceUrl, String signingAlg) {

    public ClientSpec {
        Objects.requireNonNull(redirectUris, "redirectUris");
        redirectUris = List.copyOf(redirectUris);
        name = name == null ? "Test client" : name;
        type = "public".equals(type) ? "public" : "confidential";
        tokenType = tokenType == null ? "opaque" : tokenType;
        allowedScopes = allowedScopes == null ? "" : allowedScopes;
        signingAlg = signingAlg == null ? "RS256" : signingAlg;
    }

    /** A confidential RS256 client with opaque access tokens and no scope restriction. */
    public static ClientSpec confidential(String clientId, String secret, String... redirectUris) {
        return new ClientSpec(clientId, secret, null, List.of(redirectUris), "confidential", "opaque", "", null, "RS256");
    }

    public ClientSpec withName(String newName) {
        return new ClientSpec(clientId, secret, newName, redirectUris, type, tokenType, allowedScopes, resourceUrl, signingAlg);
    }

    public ClientSpec withTokenType(String newTokenType) {
        return new ClientSpec(clientId, secret, name, redirectUris, type, newTokenType, allowedScopes, resourceUrl, signingAlg);
    }

    public ClientSpec withAllowedScopes(String scopes) {
        return new ClientSpec(clientId, secret, name, redirectUris, type, tokenType, scopes, resourceUrl, signingAlg);
    }

    public ClientSpec withResourceUrl(String url) {
        return new ClientSpec(clientId, secret, name, redirectUris, type, tokenType, allowedScopes, url, signingAlg);
    }

    public ClientSpec withSigningAlg(String alg) {
        return new ClientSpec(clientId, secret, name, redirectUris, type, tokenType, allowedScopes, resourceUrl, alg);
    }

    public ClientSpec asPublic() {
        return new ClientSpec(clientId, secret, name, redirectUris, "public", tokenType, allowedScopes, resourceUrl, signingAlg);
    }

    @Override
    public String toString() {
        return "ClientSpec[" + clientId + ", " + type + ", " + redirectUris + "]";
    }
}
