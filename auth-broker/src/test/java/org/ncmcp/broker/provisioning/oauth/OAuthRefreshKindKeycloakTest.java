package org.ncmcp.broker.provisioning.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ncmcp.broker.provisioning.CredentialKind;
import org.ncmcp.broker.provisioning.CredentialKind.CredentialRevokedException;
import org.ncmcp.broker.provisioning.ProvisioningSession;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.broker.provisioning.oauth.TwoBrokers.Replica;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.scope.ScopeSet;

/**
 * {@code oauth-refresh} against the real Keycloak, two broker replicas and one PostgreSQL: the PKCE round trip
 * through the IdP and the callback, the identity check, the serialised refresh (issue 4 item 6) and revocation.
 * Keycloak runs with single-use refresh tokens here, so presenting a refresh token that was already rotated fails.
 */
@ExtendWith(TwoBrokers.Shared.class)
class OAuthRefreshKindKeycloakTest {

    private static TwoBrokers brokers;

    /** Signs the person in, starts oauth-refresh, follows the IdP round trip; @return the landing page URL */
    private static URI connect(String username) {
        SignInBrowser browser = brokers.signIn(username);
        String subject = brokers.subjectOf(username);
        CredentialKind.Begun begun = brokers.first().service().begin(subject, ProvisioningKind.OAUTH_REFRESH,
                ScopeSet.parse("files:read"));
        assertThat(begun.next().toString()).startsWith(brokers.keycloak.issuer())
                .contains("code_challenge_method=S256").contains("offline_access")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(brokers.first().base() + "/provision/callback",
                        java.nio.charset.StandardCharsets.UTF_8));
        return browser.visit(begun.next(), next -> next.getPath().startsWith("/provision/")
                && !next.getPath().equals("/provision/callback"));
    }

    @Test
    void theCodeFlowStoresTheRefreshTokenAndTheLandingPageNamesTheSession() {
        URI landing = connect("carol");
        String subject = brokers.subjectOf("carol");
        String sessionId = landing.getPath().substring("/provision/".length());
        ProvisioningSession session = brokers.first().context().getBean(
                org.ncmcp.broker.provisioning.ProvisioningSessions.class).find(sessionId).orElseThrow();
        assertThat(session.state()).isEqualTo(ProvisioningSession.State.COMPLETED);
        assertThat(session.subject()).isEqualTo(subject);
        StoredCredential credential = brokers.first().credentials().find(subject).orElseThrow();
        assertThat(credential.kind()).isEqualTo(ProvisioningKind.OAUTH_REFRESH);
        assertThat(credential.nextcloudUserId()).isEqualTo("carol");
        assertThat(credential.hasAccessTokenValidAt(Instant.now())).isTrue();
        // the stored refresh token is a working Keycloak grant of the broker's client
        assertThat(brokers.keycloak.refreshAsBroker(brokers.first().credentials().openSecret(credential)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCallbackRefusesAnotherPersonsAttempt() {
        SignInBrowser bob = brokers.signIn("bob");
        brokers.signIn("alice");
        String alice = brokers.subjectOf("alice");
        CredentialKind.Begun begun = brokers.first().service().begin(alice, ProvisioningKind.OAUTH_REFRESH,
                ScopeSet.parse("files:read"));
        String state = begun.session().oauthState();
        HttpResponse<String> answer = bob.get(brokers.first().base().resolve("/provision/callback?state=" + state
                + "&code=forged"));
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).contains("started by another person");
        // alice's attempt is untouched
        assertThat(brokers.first().context().getBean(org.ncmcp.broker.provisioning.ProvisioningSessions.class)
                .find(begun.session().id()).orElseThrow().pending()).isTrue();
    }

    @Test
    void approvingWithAnotherAccountIsRefusedAndNothingIsStored() {
        SignInBrowser carol = brokers.signIn("carol");
        SignInBrowser bob = brokers.signIn("bob");
        String carolSubject = brokers.subjectOf("carol");
        java.util.Optional<StoredCredential> before = brokers.first().credentials().find(carolSubject);
        CredentialKind.Begun begun = brokers.first().service().begin(carolSubject, ProvisioningKind.OAUTH_REFRESH,
                ScopeSet.parse("files:read"));
        // the approval happens in a browser signed in at Keycloak as bob; carol's broker session receives the code
        URI callback = bob.visit(begun.next(), next -> next.getPath().equals("/provision/callback"));
        HttpResponse<String> answer = carol.get(callback);
        assertThat(answer.statusCode()).isEqualTo(302);

        ProvisioningSession session = brokers.first().context().getBean(
                org.ncmcp.broker.provisioning.ProvisioningSessions.class).find(begun.session().id()).orElseThrow();
        assertThat(session.state()).isEqualTo(ProvisioningSession.State.FAILED);
        assertThat(session.detail()).contains("as 'bob'").contains("signed in here as 'carol'");
        assertThat(brokers.first().credentials().find(carolSubject).map(StoredCredential::updatedAt))
                .isEqualTo(before.map(StoredCredential::updatedAt));
    }

    @Test
    void denyingAtTheIdpDeclinesTheAttempt() {
        SignInBrowser alice = brokers.signIn("alice");
        CredentialKind.Begun begun = brokers.first().service().begin(brokers.subjectOf("alice"),
                ProvisioningKind.OAUTH_REFRESH, ScopeSet.parse("files:read"));
        HttpResponse<String> answer = alice.get(brokers.first().base().resolve("/provision/callback?state="
                + begun.session().oauthState() + "&error=access_denied"));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/provision/" + begun.session().id());
        assertThat(brokers.first().service().status(brokers.subjectOf("alice")).latestSession().orElseThrow().state())
                .isEqualTo(ProvisioningSession.State.DECLINED);
    }

    @Test
    void fiftyConcurrentLeasesOnTwoReplicasCauseExactlyOneRefreshAndTheRotatedTokenIsPersisted() throws Exception {
        connect("alice");
        String subject = brokers.subjectOf("alice");
        String keycloakUser = brokers.keycloak.userId("alice");
        StoredCredential connected = brokers.first().credentials().find(subject).orElseThrow();
        String originalRefreshToken = brokers.first().credentials().openSecret(connected);
        String originalAccessToken = brokers.first().credentials().openAccessToken(connected);
        startOfNextSecond(Instant.now());
        expireAccessToken(subject);
        int refreshesBefore = brokers.keycloak.refreshGrants(keycloakUser);

        int callers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CredentialKind.LeaseSecret>> leases = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Replica replica = i % 2 == 0 ? brokers.first() : brokers.second();
            leases.add(pool.submit(() -> {
                // every caller sees the expired token, as 50 lease requests arriving together would
                StoredCredential seen = replica.credentials().find(subject).orElseThrow();
                ready.countDown();
                go.await();
                Instant now = Instant.now();
                return replica.oauthRefresh().leaseSecret(seen, now, now.plusSeconds(300));
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        Set<String> secrets = ConcurrentHashMap.newKeySet();
        for (Future<CredentialKind.LeaseSecret> lease : leases) {
            CredentialKind.LeaseSecret secret = lease.get(60, TimeUnit.SECONDS);
            secrets.add(secret.secret());
            assertThat(secret.expiresAt()).isAfter(Instant.now());
        }
        pool.shutdown();

        assertThat(secrets).as("all 50 leases carry the one refreshed access token").hasSize(1)
                .doesNotContain(originalAccessToken);
        assertThat(brokers.keycloak.refreshGrants(keycloakUser) - refreshesBefore)
                .as("refresh grants Keycloak recorded for alice").isEqualTo(1);
        StoredCredential refreshed = brokers.second().credentials().find(subject).orElseThrow();
        String storedRefreshToken = brokers.second().credentials().openSecret(refreshed);
        assertThat(storedRefreshToken).as("the rotated refresh token is stored").isNotEqualTo(originalRefreshToken);
        assertThat(brokers.second().credentials().openAccessToken(refreshed)).isEqualTo(secrets.iterator().next());
        // and the persisted token carries the next refresh, from the other replica
        expireAccessToken(subject);
        Instant now = Instant.now();
        CredentialKind.LeaseSecret next = brokers.second().oauthRefresh().leaseSecret(
                brokers.second().credentials().find(subject).orElseThrow(), now, now.plusSeconds(300));
        assertThat(next.secret()).isNotIn(secrets);
        assertThat(brokers.keycloak.refreshGrants(keycloakUser) - refreshesBefore).isEqualTo(2);

        // Keycloak rotated it: the original is refused (a replay, which Keycloak also punishes by ending the grant),
        // so every lease above could only have worked with the rotated token the broker stored
        assertThat(brokers.keycloak.refreshAsBroker(originalRefreshToken).body()).contains("invalid_grant");
    }

    /**
     * Keycloak keeps token times in whole seconds and takes a refresh token issued in the same second as its rotation
     * for a current one; rotating in a later second makes the replay check meaningful. This waits for the clock, not
     * for another thread.
     */
    private static void startOfNextSecond(Instant issuedBy) {
        while (Instant.now().getEpochSecond() <= issuedBy.getEpochSecond()) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    void aGrantWithdrawnAtTheIdpMarksTheCredentialRevokedAndIsAudited() {
        connect("bob");
        String subject = brokers.subjectOf("bob");
        brokers.keycloak.revokeBrokerGrantsOf(brokers.keycloak.userId("bob"));
        expireAccessToken(subject);
        Instant now = Instant.now();
        StoredCredential credential = brokers.first().credentials().find(subject).orElseThrow();

        assertThatThrownBy(() -> brokers.first().oauthRefresh().leaseSecret(credential, now, now.plusSeconds(300)))
                .isInstanceOf(CredentialRevokedException.class).hasMessageContaining("invalid_grant")
                .hasMessageContaining("connect Nextcloud again");

        StoredCredential revoked = brokers.second().credentials().find(subject).orElseThrow();
        assertThat(revoked.revoked()).isTrue();
        assertThat(revoked.accessToken()).isNull();
        assertThat(brokers.first().jdbc().queryForObject("SELECT count(*) FROM audit_event WHERE subject = ?"
                + " AND event_type = 'credential-rejected' AND outcome = 'revoked'", Integer.class, subject))
                .isEqualTo(1);
        // later leases fail at once, without asking the IdP
        assertThatThrownBy(() -> brokers.second().oauthRefresh().leaseSecret(revoked, now, now.plusSeconds(300)))
                .isInstanceOf(CredentialRevokedException.class);
    }

    private static void expireAccessToken(String subject) {
        brokers.first().jdbc().update("UPDATE nextcloud_credential SET access_token_expires_at = ? WHERE subject = ?",
                java.sql.Timestamp.from(Instant.now().minus(1, ChronoUnit.MINUTES)), subject);
    }
}
