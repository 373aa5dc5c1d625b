package org.ncmcp.broker.provisioning;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.ncmcp.broker.nextcloud.NextcloudLoginFlow;
import org.ncmcp.broker.nextcloud.NextcloudLoginFlow.CredentialRejectedException;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Login Flow v2 (nextcloud-api.md §1.6): the broker starts the flow, the person approves at Nextcloud, the broker
 * polls, keeps the app password (sealed) the moment it arrives, then checks with {@code cloud/user} that it belongs
 * to the person who signed in here. If it belongs to someone else the app password is deleted at Nextcloud.
 * Basic auth uses the returned login name; paths use the user id.
 */
@Component
public class LoginFlowV2Kind implements CredentialKind {

    private final NextcloudLoginFlow nextcloud;
    private final ProvisioningSessions sessions;
    private final ProvisioningProperties properties;
    private final BrokerUsers users;
    private final ProvisioningService service;

    public LoginFlowV2Kind(NextcloudLoginFlow nextcloud, ProvisioningSessions sessions,
            ProvisioningProperties properties, BrokerUsers users, @Lazy ProvisioningService service) {
        this.nextcloud = nextcloud;
        this.sessions = sessions;
        this.properties = properties;
        this.users = users;
        this.service = service;
    }

    @Override
    public ProvisioningKind kind() {
        return ProvisioningKind.LOGIN_FLOW_V2;
    }

    @Override
    public Begun begin(BrokerUser user, ScopeSet scopes, Instant now) {
        NextcloudLoginFlow.Started started = nextcloud.start();
        ProvisioningSession session = sessions.create(user.subject(), kind(), scopes, started.pollEndpoint(),
                started.pollToken(), started.loginUrl(), null, null, now, now.plus(properties.flowLifetime()),
                now.plus(properties.pollInterval()));
        return new Begun(session, URI.create(started.loginUrl()));
    }

    @Override
    public void advance(ProvisioningSession session, Instant now) {
        ProvisioningSession current = session;
        if (current.receivedSecret() == null) {
            Optional<NextcloudLoginFlow.Granted> granted = nextcloud.poll(current.pollEndpoint(),
                    sessions.openPollToken(current));
            if (granted.isEmpty()) {
                sessions.pollAgainAt(current.id(), now.plus(properties.pollInterval()));
                return;
            }
            // Nextcloud hands the app password out once: keep it before doing anything else with it.
            sessions.recordReceived(current, granted.get().loginName(), granted.get().appPassword(), now);
            current = sessions.find(current.id()).orElseThrow();
        }
        verifyAndComplete(current);
    }

    private void verifyAndComplete(ProvisioningSession session) {
        String loginName = session.receivedLogin();
        String appPassword = sessions.openReceived(session);
        String expected = users.find(session.subject()).map(BrokerUser::nextcloudUserId).orElse(null);
        String actual;
        try {
            actual = nextcloud.userIdOf(loginName, appPassword);
        } catch (CredentialRejectedException rejected) {
            service.fail(session, "Nextcloud did not accept the new app password; please try again.",
                    "login-flow-v2 app password rejected by Nextcloud right after the grant");
            return;
        }
        if (!actual.equals(expected)) {
            nextcloud.deleteAppPassword(loginName, appPassword);
            service.fail(session, "You approved access as Nextcloud user '" + actual + "', but you are signed in here as '"
                    + expected + "'. The app password was deleted at Nextcloud; approve again with your own account.",
                    "identity mismatch: approved as " + actual + ", signed in as " + expected
                            + "; app password deleted at Nextcloud");
            return;
        }
        service.complete(session, actual, loginName, appPassword, null, null);
    }

    @Override
    public LeaseSecret leaseSecret(StoredCredential credential, Instant now, Instant notAfter) {
        // App passwords do not expire; the lease is short so that revocation reaches every replica quickly.
        return new LeaseSecret(service.credentials().openSecret(credential), credential.loginName(), notAfter);
    }

    @Override
    public boolean stillAccepted(StoredCredential credential) {
        try {
            nextcloud.userIdOf(credential.loginName(), service.credentials().openSecret(credential));
            return true;
        } catch (CredentialRejectedException rejected) {
            return false;
        }
    }

    @Override
    public void revokeUpstream(StoredCredential credential, String openedSecret) {
        nextcloud.deleteAppPassword(credential.loginName(), openedSecret);
    }
}
