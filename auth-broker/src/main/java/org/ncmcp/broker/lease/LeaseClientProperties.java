package org.ncmcp.broker.lease;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The confidential client mcp-resource authenticates as when it asks for credential leases.
 *
 * @param clientId its client id
 * @param clientSecret its secret (at least 32 characters; e.g. {@code openssl rand -base64 32}); when empty, no
 *     client may ask for leases and multi-user tools cannot reach Nextcloud
 */
@ConfigurationProperties("broker.lease-client")
public record LeaseClientProperties(@DefaultValue("mcp-resource") String clientId, String clientSecret) {

    public LeaseClientProperties {
        if (clientSecret != null && !clientSecret.isBlank() && clientSecret.length() < 32) {
            throw new IllegalArgumentException("broker.lease-client.client-secret must be at least 32 characters");
        }
    }

    public boolean enabled() {
        return clientSecret != null && !clientSecret.isBlank();
    }
}
