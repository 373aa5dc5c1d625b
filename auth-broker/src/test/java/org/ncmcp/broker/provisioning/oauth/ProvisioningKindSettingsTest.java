package org.ncmcp.broker.provisioning.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The settings of the two IdP-backed kinds, and which IdP answers end a stored grant. */
class ProvisioningKindSettingsTest {

    @Test
    void oauthRefreshAlwaysAsksForOpenidAndOfflineAccessOnce() {
        assertThat(new OAuthRefreshProperties(List.of("profile", " offline_access ", ""), "", Duration.ofSeconds(60))
                .scope()).isEqualTo("openid offline_access profile");
        assertThat(new OAuthRefreshProperties(List.of(), "", Duration.ZERO).scope()).isEqualTo("openid offline_access");
    }

    @Test
    void marginsAndAudienceAreChecked() {
        assertThatThrownBy(() -> new OAuthRefreshProperties(List.of(), "", Duration.ofMinutes(11)))
                .hasMessageContaining("broker.provisioning.oauth-refresh.refresh-margin");
        assertThatThrownBy(() -> new TokenExchangeProperties(" ", "", Duration.ofSeconds(60)))
                .hasMessageContaining("broker.provisioning.token-exchange.audience");
        assertThatThrownBy(() -> new TokenExchangeProperties("nextcloud", "", Duration.ofSeconds(-1)))
                .hasMessageContaining("broker.provisioning.token-exchange.refresh-margin");
    }

    @Test
    void onlyARefusedGrantRevokesNotAnOutageOrAConfigurationError() {
        assertThat(refusal(400, "invalid_grant").grantRejected()).isTrue();
        assertThat(refusal(401, "invalid_token").grantRejected()).isTrue();
        assertThat(refusal(401, null).grantRejected()).isTrue();
        assertThat(refusal(401, "invalid_client").grantRejected()).isFalse();
        assertThat(refusal(400, "invalid_request").grantRejected()).isFalse();
        assertThat(refusal(503, null).grantRejected()).isFalse();
        assertThat(refusal(0, null).grantRejected()).isFalse();
    }

    @Test
    void tokensNeverShowInToString() {
        IssuedTokens tokens = new IssuedTokens("access-secret", java.time.Instant.EPOCH, "refresh-secret", "id-secret");
        assertThat(tokens.toString()).doesNotContain("secret");
    }

    private static IdentityProviderException refusal(int status, String error) {
        return new IdentityProviderException("test", status, error, null, null);
    }
}
