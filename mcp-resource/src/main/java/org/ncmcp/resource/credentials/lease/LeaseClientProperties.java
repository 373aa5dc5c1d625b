package org.ncmcp.resource.credentials.lease;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Multi-user mode: how mcp-resource asks the auth-broker for Nextcloud credential leases.
 *
 * @param clientId mcp-resource's confidential client id at the broker ({@code broker.lease-client.client-id})
 * @param clientSecret its secret ({@code broker.lease-client.client-secret}); without it no tool can reach Nextcloud
 * @param brokerUrl where the broker's token and internal endpoints are; defaults to {@code mcp.auth.issuer}
 * @param renewBefore a cached lease is renewed this long before it expires, so no call uses one about to lapse
 * @param grantTtl how long the person's granted scopes (for {@code tools/list} and the 403 check) are cached when
 *     no lease refreshed them; changes by an admin reach every replica within this time or a lease lifetime
 * @param timeout per-request timeout towards the broker
 */
@ConfigurationProperties("mcp.auth.lease")
public record LeaseClientProperties(
        @DefaultValue("mcp-resource") String clientId,
        String clientSecret,
        String brokerUrl,
        @DefaultValue("30s") Duration renewBefore,
        @DefaultValue("30s") Duration grantTtl,
        @DefaultValue("10s") Duration timeout) {

    public boolean configured() {
        return clientSecret != null && !clientSecret.isBlank();
    }
}
