package org.ncmcp.broker.provisioning.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ncmcp.broker.login.UpstreamGrants;
import org.ncmcp.broker.provisioning.CredentialKind;
import org.ncmcp.broker.provisioning.CredentialKind.CredentialRevokedException;
import org.ncmcp.broker.provisioning.ProvisioningSession;
import org.ncmcp.broker.provisioning.ProvisioningSessions;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;

/**
 * {@code token-exchange} against the real Keycloak (RFC 8693 standard token exchange, realm client {@code mcp-broker}
 * exchanging for {@code audience=nextcloud}), two broker replicas over one PostgreSQL.
 */
@ExtendWith(TwoBrokers.Shared.class)
class TokenExchangeKindKeycloakTest {

    private static TwoBrokers brokers;

    private static ProvisioningSession connect(String username) {
        brokers.signIn(username);
        String subject = brokers.subjectOf(username);
        CredentialKind.Begun begun = brokers.first().service().begin(subject, ProvisioningKind.TOKEN_EXCHANGE,
                ScopeSet.parse("files:read"));
        assertThat(begun.next()).isEqualTo(URI.create("/provision/" + begun.session().id()));
        return brokers.first().context().getBean(ProvisioningSessions.class).find(begun.session().id()).orElseThrow();
    }

    @Test
    void connectingExchangesOnceAndLeasesCarryATokenForNextcloud() {
        ProvisioningSession session = connect("alice");
        String subject = brokers.subjectOf("alice");
        assertThat(session.state()).as(session.detail()).isEqualTo(ProvisioningSession.State.COMPLETED);
        StoredCredential credential = brokers.first().credentials().find(subject).orElseThrow();
        assertThat(credential.kind()).isEqualTo(ProvisioningKind.TOKEN_EXCHANGE);
        assertThat(credential.nextcloudUserId()).isEqualTo("alice");
        // the sign-in grant moved into the credential: one copy only
        assertThat(brokers.first().context().getBean(UpstreamGrants.class).refreshToken(subject)).isEmpty();

        String connectedToken = brokers.first().credentials().openAccessToken(credential);
        assertNextcloudTokenOf(connectedToken, "alice");

        // a lease while the exchanged token is good reuses it; no IdP round trip
        Instant now = Instant.now();
        CredentialKind.LeaseSecret cached = brokers.second().tokenExchange().leaseSecret(credential, now,
                now.plusSeconds(300));
        assertThat(cached.secret()).isEqualTo(connectedToken);

        // once it is used up, the next lease (other replica) refreshes the grant and exchanges again
        brokers.first().jdbc().update("UPDATE nextcloud_credential SET access_token_expires_at = ? WHERE subject = ?",
                java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.MINUTES)), subject);
        CredentialKind.LeaseSecret fresh = brokers.second().tokenExchange().leaseSecret(
                brokers.second().credentials().find(subject).orElseThrow(), now, now.plusSeconds(300));
        assertThat(fresh.secret()).isNotEqualTo(connectedToken);
        assertNextcloudTokenOf(fresh.secret(), "alice");
        assertThat(fresh.expiresAt()).isAfter(Instant.now()).isBeforeOrEqualTo(now.plusSeconds(300));
        assertThat(brokers.first().jdbc().queryForObject("SELECT count(*) FROM audit_event WHERE subject = ?"
                + " AND event_type = 'provisioned' AND detail LIKE 'token-exchange %'", Integer.class, subject)).isEqualTo(1);
    }

    @Test
    void withoutASignInGrantConnectingFailsWithAClearMessage() {
        brokers.signIn("carol");
        String subject = brokers.subjectOf("carol");
        brokers.first().context().getBean(UpstreamGrants.class).forget(subject);
        brokers.first().jdbc().update("DELETE FROM nextcloud_credential WHERE subject = ?", subject);
        CredentialKind.Begun begun = brokers.first().service().begin(subject, ProvisioningKind.TOKEN_EXCHANGE,
                ScopeSet.parse("files:read"));
        ProvisioningSession session = brokers.first().context().getBean(ProvisioningSessions.class)
                .find(begun.session().id()).orElseThrow();
        assertThat(session.state()).isEqualTo(ProvisioningSession.State.FAILED);
        assertThat(session.detail()).contains("no sign-in grant").contains("sign in again");
        assertThat(brokers.first().credentials().find(subject)).isEmpty();
    }

    @Test
    void aGrantEndedAtTheIdpMarksTheCredentialRevokedAndIsAudited() {
        ProvisioningSession session = connect("bob");
        assertThat(session.state()).as(session.detail()).isEqualTo(ProvisioningSession.State.COMPLETED);
        String subject = brokers.subjectOf("bob");
        brokers.keycloak.revokeBrokerGrantsOf(brokers.keycloak.userId("bob"));
        brokers.first().jdbc().update("UPDATE nextcloud_credential SET access_token_expires_at = ? WHERE subject = ?",
                java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.MINUTES)), subject);
        Instant now = Instant.now();
        StoredCredential credential = brokers.second().credentials().find(subject).orElseThrow();

        assertThatThrownBy(() -> brokers.second().tokenExchange().leaseSecret(credential, now, now.plusSeconds(300)))
                .isInstanceOf(CredentialRevokedException.class).hasMessageContaining("invalid_grant");
        assertThat(brokers.first().credentials().find(subject).orElseThrow().revoked()).isTrue();
        assertThat(brokers.first().jdbc().queryForList("SELECT detail FROM audit_event WHERE subject = ?"
                + " AND event_type = 'credential-rejected' AND detail LIKE 'token-exchange: %'", String.class, subject))
                .singleElement().asString().contains("connect Nextcloud again");
        assertThat(brokers.first().service().status(subject).detail()).contains("revoked");
    }

    @Test
    void misconfiguredExchangesSayWhatToChangeAndKeepTheRotatedSignInGrant() {
        brokers.first().jdbc().update("DELETE FROM nextcloud_credential WHERE subject IN (SELECT subject FROM"
                + " broker_user WHERE nextcloud_user_id = 'carol')");
        brokers.signIn("carol");
        String subject = brokers.subjectOf("carol");
        var context = brokers.first().context();
        var user = context.getBean(org.ncmcp.broker.login.BrokerUsers.class).find(subject).orElseThrow();
        ProvisioningSessions sessions = context.getBean(ProvisioningSessions.class);

        ProvisioningSession unknownAudience = sessions.find(misconfigured("nope", "nextcloud-audience")
                .begin(user, ScopeSet.parse("files:read"), Instant.now()).session().id()).orElseThrow();
        assertThat(unknownAudience.state()).isEqualTo(ProvisioningSession.State.FAILED);
        assertThat(unknownAudience.detail()).contains("no client 'nope'")
                .contains("broker.provisioning.token-exchange.audience");

        ProvisioningSession audienceNotMapped = sessions.find(misconfigured("nextcloud", "")
                .begin(user, ScopeSet.parse("files:read"), Instant.now()).session().id()).orElseThrow();
        assertThat(audienceNotMapped.state()).isEqualTo(ProvisioningSession.State.FAILED);
        assertThat(audienceNotMapped.detail()).contains("audience 'nextcloud' is not available")
                .contains("broker.provisioning.token-exchange.scope");

        // each failed attempt refreshed (and so rotated) the sign-in grant; the rotated one was kept, so it still works
        ProvisioningSession fixed = sessions.find(brokers.first().tokenExchange()
                .begin(user, ScopeSet.parse("files:read"), Instant.now()).session().id()).orElseThrow();
        assertThat(fixed.state()).as(fixed.detail()).isEqualTo(ProvisioningSession.State.COMPLETED);
    }

    private static TokenExchangeKind misconfigured(String audience, String scope) {
        var context = brokers.first().context();
        return new TokenExchangeKind(context.getBean(UpstreamTokenClient.class), context.getBean(UpstreamGrants.class),
                context.getBean(ProvisioningSessions.class), new TokenExchangeProperties(audience, scope,
                        java.time.Duration.ofSeconds(60)), context.getBean(org.ncmcp.broker.login.UpstreamProperties.class),
                context.getBean(SerialisedRefresh.class), brokers.first().service());
    }

    /** An exchanged Keycloak token: for Nextcloud, requested by the broker, the person's. */
    private static void assertNextcloudTokenOf(String token, String username) {
        Map<String, Object> claims = UpstreamTokenClient.unverifiedClaims(token);
        Object audience = claims.get("aud");
        assertThat(audience instanceof List<?> list ? list : List.of(audience)).contains("nextcloud");
        assertThat(claims.get("azp")).isEqualTo(RealKeycloak.BROKER_CLIENT);
        assertThat(claims.get("preferred_username")).isEqualTo(username);
    }
}
