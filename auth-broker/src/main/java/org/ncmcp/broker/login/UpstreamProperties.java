package org.ncmcp.broker.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The upstream OpenID Connect IdP where people sign in (Keycloak, or Nextcloud's {@code oidc} app: the
 * same code, configuration only). The broker is a confidential client of it.
 *
 * @param issuerUri the IdP's issuer; its discovery document is read on first use
 * @param clientId the broker's client id at the IdP
 * @param clientSecret the broker's client secret at the IdP
 * @param scopes scopes asked of the IdP at sign-in
 * @param userIdClaim the ID-token/userinfo claim holding the person's Nextcloud user id
 * @param displayName how the sign-in page names the IdP
 */
@Validated
@ConfigurationProperties("broker.upstream")
public record UpstreamProperties(
        @NotNull URI issuerUri,
        @NotBlank String clientId,
        @NotBlank String clientSecret,
        @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
        @DefaultValue("preferred_username") String userIdClaim,
        @DefaultValue("your organisation's sign-in") String displayName) {

    public static final String REGISTRATION_ID = "upstream";
}
