package org.ncmcp.broker.provisioning.oauth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code oauth-refresh} provisioning kind: a second authorization-code flow at the upstream IdP whose refresh
 * token the broker keeps (sealed) to obtain Nextcloud bearer tokens.
 *
 * @param extraScopes scopes asked for besides {@code openid offline_access} (e.g. {@code profile}, so the ID token
 *     carries the user-id claim)
 * @param resource the RFC 8707 {@code resource} sent to the IdP, so the access token's {@code aud} is Nextcloud (the
 *     Nextcloud {@code oidc} app honours it); empty sends none
 * @param refreshMargin a stored access token is refreshed when it expires within this margin
 */
@ConfigurationProperties("broker.provisioning.oauth-refresh")
public record OAuthRefreshProperties(
        @DefaultValue("profile") List<String> extraScopes,
        @DefaultValue("") String resource,
        @DefaultValue("60s") Duration refreshMargin) {

    public OAuthRefreshProperties {
        if (refreshMargin.isNegative() || refreshMargin.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("broker.provisioning.oauth-refresh.refresh-margin must be between 0 and"
                    + " 10m, was " + refreshMargin);
        }
    }

    /** {@code openid offline_access} and the extra scopes, space-separated, without duplicates. */
    String scope() {
        java.util.LinkedHashSet<String> scopes = new java.util.LinkedHashSet<>(List.of("openid", "offline_access"));
        extraScopes.stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(scopes::add);
        return String.join(" ", scopes);
    }
}
