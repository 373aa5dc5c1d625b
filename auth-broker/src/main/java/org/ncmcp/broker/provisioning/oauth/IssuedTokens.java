package org.ncmcp.broker.provisioning.oauth;

import java.time.Instant;

/**
 * A successful answer of the IdP's token endpoint.
 *
 * @param refreshToken the (possibly rotated) refresh token, or null when the IdP sent none
 * @param idToken the ID token, or null
 */
public record IssuedTokens(String accessToken, Instant expiresAt, String refreshToken, String idToken) {

    @Override
    public String toString() {
        return "IssuedTokens[expiresAt=" + expiresAt + ", refreshToken=" + (refreshToken == null ? "none" : "<redacted>")
                + ", tokens=<redacted>]";
    }
}
