package org.ncmcp.broker.provisioning.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code token-exchange} provisioning kind: the person's upstream token is exchanged at the IdP (RFC 8693) for a
 * token whose audience is Nextcloud.
 *
 * @param audience the {@code audience} of the exchanged token (Keycloak: the client id Nextcloud validates tokens for)
 * @param scope the {@code scope} sent with the exchange; Keycloak needs the client scope that maps the audience when
 *     it is only an optional scope of the broker's client (e.g. {@code nextcloud-audience}); empty sends none
 * @param refreshMargin an exchanged token is replaced when it expires within this margin
 */
@ConfigurationProperties("broker.provisioning.token-exchange")
public record TokenExchangeProperties(
        @DefaultValue("nextcloud") String audience,
        @DefaultValue("") String scope,
        @DefaultValue("60s") Duration refreshMargin) {

    public TokenExchangeProperties {
        if (audience.isBlank()) {
            throw new IllegalArgumentException("broker.provisioning.token-exchange.audience must not be empty");
        }
        if (refreshMargin.isNegative() || refreshMargin.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("broker.provisioning.token-exchange.refresh-margin must be between 0"
                    + " and 10m, was " + refreshMargin);
        }
    }
}
