package org.ncmcp.resource.credentials.lease;

import org.ncmcp.model.lease.CredentialLease;
import org.ncmcp.model.lease.LeaseScheme;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.resource.credentials.CredentialSource;
import org.ncmcp.resource.credentials.NextcloudCredential;
import org.ncmcp.resource.credentials.RequiredScopeOfRequest;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudUnavailableException;
import org.ncmcp.resource.security.caller.CallerIdentity;
import org.ncmcp.resource.security.caller.CurrentCaller;

/**
 * Multi-user mode: each call's Nextcloud credential is a lease from the auth-broker for the caller and the scope
 * the call needs, cached in memory until shortly before it expires. The caller's MCP token is presented to the
 * broker only, never to Nextcloud (RS-07).
 */
public final class LeasedCredentialSource implements CredentialSource {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LeasedCredentialSource.class);

    private final CurrentCaller callers;
    private final BrokerLeaseClient broker;
    private final LeaseCache cache;

    public LeasedCredentialSource(CurrentCaller callers, BrokerLeaseClient broker, LeaseCache cache) {
        this.callers = callers;
        this.broker = broker;
        this.cache = cache;
    }

    @Override
    public NextcloudCredential currentCredential() {
        CallerIdentity caller = callers.require();
        Scope scope = RequiredScopeOfRequest.current().orElseThrow(() -> new IllegalStateException(
                "No scope was decided for this request; the scope filter must run before any Nextcloud call"));
        ScopeSet scopes = ScopeSet.of(scope);
        CredentialLease lease;
        try {
            lease = cache.get(caller.subject(), scopes, () -> broker.lease(caller.accessToken(), scopes));
        } catch (BrokerLeaseClient.LeaseRefusedException refused) {
            throw new NextcloudForbiddenException(0, "The auth-broker gave no Nextcloud credential for " + scope.value()
                    + ": " + refused.getMessage() + " No Nextcloud request was made.");
        } catch (BrokerLeaseClient.BrokerUnavailableException unavailable) {
            throw new NextcloudUnavailableException(0, unavailable.getMessage() + " No Nextcloud request was made.");
        }
        return lease.scheme() == LeaseScheme.BASIC
                ? NextcloudCredential.appPassword(lease.nextcloudUser(), lease.loginName(), lease.secret())
                : NextcloudCredential.bearer(lease.nextcloudUser(), lease.secret());
    }

    @Override
    public void credentialRejected(NextcloudCredential credential) {
        callers.get().ifPresent(caller -> {
            cache.evict(caller.subject(), credential.secret());
            try {
                // the broker checks with Nextcloud and stops leasing a revoked credential (next call: -32042)
                broker.reportRejected(caller.accessToken());
            } catch (RuntimeException unavailable) {
                log.warn("Could not report a Nextcloud 401 for {} to the auth-broker: {}", caller.subject(),
                        unavailable.getMessage());
            }
        });
    }

    @Override
    public String rejectionAdvice() {
        return "Your Nextcloud connection no longer works; connect again at " + broker.connectPage()
                + " (or ask your assistant to run nc_auth_provision_access).";
    }
}
