package org.ncmcp.resource.credentials.lease;

import java.util.Map;
import java.util.Optional;
import org.ncmcp.model.lease.ProvisioningProtocol;
import org.ncmcp.model.lease.ProvisioningStatus;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.resource.security.caller.CallerIdentity;
import org.ncmcp.resource.security.scope.EffectiveScopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Effective scopes = token scopes ∩ the scopes the person granted when connecting Nextcloud (ARCHITECTURE.md §2.2).
 * The grant comes from the latest lease or, when none is fresh, from the broker's status endpoint (cached briefly).
 * A person who has not connected yet sees the token's scopes: their tool calls then lead them to connect (-32042).
 */
public final class GrantedScopes implements EffectiveScopes {

    private static final Logger log = LoggerFactory.getLogger(GrantedScopes.class);

    private final BrokerLeaseClient broker;
    private final LeaseCache cache;
    private final LeaseClientProperties properties;

    public GrantedScopes(BrokerLeaseClient broker, LeaseCache cache, LeaseClientProperties properties) {
        this.broker = broker;
        this.cache = cache;
        this.properties = properties;
    }

    @Override
    public ScopeSet of(CallerIdentity caller) {
        return cache.grant(caller.subject(), properties.grantTtl(), () -> fetch(caller)).filter(LeaseCache.Grant::provisioned)
                .map(found -> caller.tokenScopes().intersect(found.scopes()))
                .orElse(caller.tokenScopes());
    }

    private Optional<LeaseCache.Grant> fetch(CallerIdentity caller) {
        try {
            Map<String, Object> status = broker.status(caller.accessToken());
            boolean provisioned = ProvisioningStatus.PROVISIONED.value().equals(status.get(ProvisioningProtocol.FIELD_STATUS))
                    || status.get(ProvisioningProtocol.FIELD_GRANTED_SCOPE) != null;
            Object scopes = status.get(ProvisioningProtocol.FIELD_GRANTED_SCOPE);
            ScopeSet granted = scopes instanceof String text ? ScopeSet.parse(text) : ScopeSet.empty();
            cache.rememberGrant(caller.subject(), provisioned, granted);
            return cache.grant(caller.subject(), properties.grantTtl());
        } catch (RuntimeException unavailable) {
            // Without the broker no tool can run anyway; listing falls back to the token's scopes.
            log.warn("Could not read the granted scopes of {} from the auth-broker: {}", caller.subject(),
                    unavailable.getMessage());
            return Optional.empty();
        }
    }
}
