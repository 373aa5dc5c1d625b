package org.ncmcp.broker.client.upstream;

import java.net.URI;
import java.time.Instant;

/**
 * A client as registered at the upstream IdP. The broker stores the mapping (secrets in the vault); the MCP
 * client never sees any of this.
 *
 * @param upstreamClientId the IdP's {@code client_id}
 * @param clientSecret a secret the IdP issued although a public client was asked for, or null; Nextcloud's
 *     oidc app does this (it forces {@code client_secret_post}); a secret
 * @param tokenEndpointAuthMethod how the IdP says this client authenticates ({@code none} when it does not say)
 * @param clientSecretExpiresAt when the secret (and, at Nextcloud's oidc app, the whole registration)
 *     expires, or null for never
 * @param registrationAccessToken the RFC 7592 token to manage the registration, or null; a secret
 * @param registrationClientUri where the registration is managed (RFC 7592), or null
 * @param registeredAt {@code client_id_issued_at} when the IdP states it, else when we received the answer
 */
public record UpstreamRegistration(String upstreamClientId, String clientSecret, String tokenEndpointAuthMethod,
        Instant clientSecretExpiresAt, String registrationAccessToken, URI registrationClientUri, Instant registeredAt) {

    @Override
    public String toString() {
        return "UpstreamRegistration[upstreamClientId=" + upstreamClientId + ", clientSecret="
                + (clientSecret == null ? "none" : "<redacted>") + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod
                + ", clientSecretExpiresAt=" + clientSecretExpiresAt + ", registrationAccessToken="
                + (registrationAccessToken == null ? "none" : "<redacted>") + ", registrationClientUri="
                + registrationClientUri + ", registeredAt=" + registeredAt + "]";
    }
}
