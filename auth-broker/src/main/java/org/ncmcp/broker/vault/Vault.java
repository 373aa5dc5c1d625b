package org.ncmcp.broker.vault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts users' Nextcloud secrets at rest with AES-256-GCM (ARCHITECTURE.md §2.1 "Vault"). Every sealed value
 * records the id of the key that sealed it, so keys rotate without downtime: add a new key, make it active,
 * re-encrypt ({@link org.ncmcp.broker.provisioning.VaultRotation},
 * {@code POST /api/v1/vault/re-encrypt}), then remove the old one. What a secret belongs to (user, kind, field) is
 * the associated data, so rows cannot be swapped.
 */
@Component
public class Vault {

    static final String GENERATED_KEY_ID = "local-1";

    /** A sealed secret and the id of the key that sealed it. */
    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    public Vault(VaultProperties properties, @Value("${broker.data-dir:.data/broker}") Path dataDir) {
        Map<String, SecretKey> loaded = new LinkedHashMap<>();
        properties.keys().forEach((id, base64) -> {
            requireValidId(id);
            loaded.put(id, AesGcm.keyFromBase64(base64, "broker.vault.keys." + id));
        });
        if (loaded.isEmpty()) {
            loaded.put(GENERATED_KEY_ID, GeneratedKeyFile.configuredOrGenerated(null, "broker.vault.keys",
                    dataDir.resolve("vault-key")));
        }
        String active = properties.activeKey();
        if (active == null || active.isBlank()) {
            if (loaded.size() > 1) {
                throw new IllegalStateException("broker.vault.active-key must name one of broker.vault.keys ("
                        + String.join(", ", loaded.keySet()) + ") when there are several");
            }
            active = loaded.keySet().iterator().next();
        }
        if (!loaded.containsKey(active)) {
            throw new IllegalStateException("broker.vault.active-key '" + active + "' is not one of broker.vault.keys ("
                    + String.join(", ", loaded.keySet()) + ")");
        }
        this.keys = Map.copyOf(loaded);
        this.activeKeyId = active;
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public Sealed seal(String secret, String associatedData) {
        return new Sealed(activeKeyId, AesGcm.encrypt(keys.get(activeKeyId), secret.getBytes(StandardCharsets.UTF_8),
                associatedData));
    }

    /**
     * @throws IllegalStateException naming the key when it is not configured any more
     * @throws AesGcm.DecryptionFailedException when the value was altered or belongs to another row
     */
    public String open(Sealed sealed, String associatedData) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Vault key '" + sealed.keyId() + "' is not configured (broker.vault.keys);"
                    + " it is still needed by stored secrets: add it back and re-encrypt before removing it");
        }
        return new String(AesGcm.decrypt(key, sealed.ciphertext(), associatedData), StandardCharsets.UTF_8);
    }

    /** The associated data of one secret: which table, whose, which kind and which field. */
    public static String bind(String table, String subject, String kind, String field) {
        return table + "\u0000" + subject + "\u0000" + kind + "\u0000" + field;
    }

    private static void requireValidId(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalStateException("Vault key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }
}
