package org.ncmcp.model.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.model.scope.NextcloudApp;
import org.ncmcp.model.scope.ScopeSet;

class CredentialLeaseTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final CredentialLease lease = new CredentialLease(LeaseScheme.BASIC, "app-password-secret", "alice",
            "alice@example.com", NOW.plusSeconds(300), ScopeSet.parse("notes:write"),
            ScopeSet.parse("notes:write calendar:read"), ProvisioningKind.LOGIN_FLOW_V2);

    @Test
    void responseRoundTripsAndCountsExpiryFromArrival() {
        Map<String, Object> body = lease.toResponse(NOW);
        assertThat(body).containsEntry("token_type", "N_A")
                .containsEntry("issued_token_type", LeaseProtocol.REQUESTED_TOKEN_TYPE)
                .containsEntry("expires_in", 300L);
        Instant arrival = NOW.plusSeconds(7);
        CredentialLease read = CredentialLease.fromResponse(body, arrival);
        assertThat(read.secret()).isEqualTo("app-password-secret");
        assertThat(read.loginName()).isEqualTo("alice@example.com");
        assertThat(read.expiresAt()).isEqualTo(arrival.plusSeconds(300));
        assertThat(read.grantedScopes().apps()).containsExactlyInAnyOrder(NextcloudApp.NOTES, NextcloudApp.CALENDAR);
        assertThat(read.kind()).isEqualTo(ProvisioningKind.LOGIN_FLOW_V2);
    }

    @Test
    void refusesResponsesThatAreNotLeases() {
        Map<String, Object> body = new HashMap<>(lease.toResponse(NOW));
        body.put("issued_token_type", "urn:ietf:params:oauth:token-type:access_token");
        assertThatThrownBy(() -> CredentialLease.fromResponse(body, NOW)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> noSecret = new HashMap<>(lease.toResponse(NOW));
        noSecret.remove("access_token");
        assertThatThrownBy(() -> CredentialLease.fromResponse(noSecret, NOW)).hasMessageContaining("access_token");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(lease.toString()).doesNotContain("app-password-secret").contains("<redacted>");
    }

    @Test
    void bearerKindsReachOnlyOcsAndWebdav() {
        assertThat(ProvisioningKind.TOKEN_EXCHANGE.reaches(NextcloudApi.of(NextcloudApp.FILES))).isTrue();
        assertThat(ProvisioningKind.TOKEN_EXCHANGE.reaches(NextcloudApi.of(NextcloudApp.SHARING))).isTrue();
        assertThat(ProvisioningKind.OAUTH_REFRESH.reaches(NextcloudApi.of(NextcloudApp.NOTES))).isFalse();
        assertThat(ProvisioningKind.OAUTH_REFRESH.reaches(NextcloudApi.of(NextcloudApp.CALENDAR))).isFalse();
        assertThat(ProvisioningKind.LOGIN_FLOW_V2.reaches(NextcloudApi.of(NextcloudApp.DECK))).isTrue();
    }
}
