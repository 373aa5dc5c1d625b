package org.ncmcp.broker.client.upstream;

import java.net.URI;
import java.time.Instant;

/**
 * A client as registered at the upstream IdP. The broker stores the mapping; the MCP client never sees
 * any of this.
 *
 * @param upstreamClientId the IdP's {@code client_id}
 * @param registrationAccessToken the RFC 7592 token to manage the registration, or null; a secret
 * @param registrationClientUri where the registration is managed (RFC 7592), or null
 * @param registeredAt {@code client_id_issued_at} when the IdP states it, else when we received the answer
 */
public record UpstreamRegistration(String upstreamClientId, String registrationAccessToken, URI registrationClientUri,
        Instant registeredAt) {

    @Override
    public String toString() {
        return "UpstreamRegistration[upstreamClientId=" + upstreamClientId + ", registrationAccessToken="
                + (registrationAccessToken == null ? "none" : "<redacted>") + ", registrationClientUri="
                + registrationClientUri + ", registeredAt=" + registeredAt + "]";
    }
}
