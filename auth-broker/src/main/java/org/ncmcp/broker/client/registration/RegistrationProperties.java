package org.ncmcp.broker.client.registration;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Dynamic client registration (RFC 7591).
 *
 * @param enabled whether {@code /oauth2/register} accepts registrations (Client ID Metadata Documents
 *     are the recommended alternative since MCP 2025-11-25)
 * @param maxPerWindow registrations one client IP may make per window
 * @param window the rate-limit window
 * @param unusedExpiry a registration never used to obtain a token is deleted after this long
 */
@Validated
@ConfigurationProperties("broker.registration")
public record RegistrationProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("20") int maxPerWindow,
        @DefaultValue("1h") Duration window,
        @DefaultValue("24h") Duration unusedExpiry) {
}
