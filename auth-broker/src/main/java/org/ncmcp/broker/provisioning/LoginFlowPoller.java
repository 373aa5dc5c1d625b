package org.ncmcp.broker.provisioning;

import java.time.Clock;
import java.time.Instant;
import org.ncmcp.model.lease.ProvisioningKind;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls pending Login Flow v2 sessions in the background, so an approval is collected even when nobody asks for
 * the status. Every replica runs it; a session is claimed by one replica per round, so a flow (whose app password
 * Nextcloud returns only once) is never polled twice at the same moment.
 */
@Component
class LoginFlowPoller {

    private static final int BATCH = 20;

    private final ProvisioningSessions sessions;
    private final ProvisioningService service;
    private final ProvisioningProperties properties;
    private final Clock clock;

    LoginFlowPoller(ProvisioningSessions sessions, ProvisioningService service, ProvisioningProperties properties,
            Clock clock) {
        this.sessions = sessions;
        this.service = service;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${broker.provisioning.poller-tick:1s}", initialDelayString = "${broker.provisioning.poller-tick:1s}")
    void pollDueSessions() {
        if (!properties.enabledKinds().contains(ProvisioningKind.LOGIN_FLOW_V2)) {
            return;
        }
        Instant now = clock.instant();
        sessions.expire(now);
        // the claim holds the session long enough for one slow poll; advance() sets the real next time
        for (ProvisioningSession session : sessions.claimDue(ProvisioningKind.LOGIN_FLOW_V2, now,
                properties.pollInterval().multipliedBy(10), BATCH)) {
            service.advance(session, now);
        }
    }
}
