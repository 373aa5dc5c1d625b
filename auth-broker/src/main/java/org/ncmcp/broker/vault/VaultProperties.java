package org.ncmcp.broker.vault;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys of the secret vault (users' app passwords and refresh tokens).
 *
 * @param keys key id → base64 of 32 random bytes. Several may be present while rows move from an old key to
 *     a new one; rows name the key that encrypted them. Empty (the embedded default): one key is generated into
 *     {@code broker.data-dir/vault-key}. Replicas sharing a database must share these values.
 * @param activeKey the id of the key new secrets are encrypted with; required when {@code keys} has more than one
 */
@ConfigurationProperties("broker.vault")
public record VaultProperties(Map<String, String> keys, String activeKey) {

    public VaultProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
