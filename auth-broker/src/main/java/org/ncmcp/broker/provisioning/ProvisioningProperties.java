package org.ncmcp.broker.provisioning;

import java.time.Duration;
import java.util.List;
import org.ncmcp.model.lease.ProvisioningKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people connect Nextcloud, and how long what they connect may be leased.
 *
 * @param kinds the enabled provisioning kinds ({@code login-flow-v2}, {@code oauth-refresh}, {@code token-exchange});
 *     the first is the default offered on the connect page
 * @param leaseTtl lifetime of a credential lease handed to mcp-resource (at most 5 minutes by default policy:
 *     revocation reaches every replica within it)
 * @param pollInterval time between two Login Flow v2 polls of one flow (Nextcloud clients use 2-5 s)
 * @param flowLifetime how long a started connection may take (Nextcloud's Login Flow v2 lives 20 minutes)
 */
@ConfigurationProperties("broker.provisioning")
public record ProvisioningProperties(
        @DefaultValue("login-flow-v2") List<String> kinds,
        @DefaultValue("5m") Duration leaseTtl,
        @DefaultValue("3s") Duration pollInterval,
        @DefaultValue("20m") Duration flowLifetime) {

    public ProvisioningProperties {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("broker.provisioning.kinds must enable at least one kind");
        }
        for (String kind : kinds) {
            if (ProvisioningKind.tryParse(kind).isEmpty()) {
                throw new IllegalArgumentException("broker.provisioning.kinds: unknown kind '" + kind
                        + "' (known: login-flow-v2, oauth-refresh, token-exchange)");
            }
        }
        if (leaseTtl.isNegative() || leaseTtl.isZero() || leaseTtl.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("broker.provisioning.lease-ttl must be between 1s and 15m, was " + leaseTtl);
        }
        if (pollInterval.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("broker.provisioning.poll-interval must be between 1s and 30s, was "
                    + pollInterval);
        }
    }

    public List<ProvisioningKind> enabledKinds() {
        return kinds.stream().map(kind -> ProvisioningKind.tryParse(kind).orElseThrow()).distinct().toList();
    }

    public ProvisioningKind defaultKind() {
        return enabledKinds().get(0);
    }
}
