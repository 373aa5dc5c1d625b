package org.ncmcp.broker.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing-key settings.
 *
 * @param encryptionKey base64 of 32 random bytes that encrypt the private signing keys at rest. When
 *     empty (the embedded default) one is generated into {@code broker.data-dir}; replicas sharing a
 *     database must share this value
 * @param rotationInterval a new signing key is made when the newest is older than this
 * @param retireAfter a replaced key stays in the JWKS this long, so tokens it signed still verify
 */
@ConfigurationProperties("broker.keys")
public record KeyProperties(
        String encryptionKey,
        @DefaultValue("30d") Duration rotationInterval,
        @DefaultValue("1h") Duration retireAfter) {
}
