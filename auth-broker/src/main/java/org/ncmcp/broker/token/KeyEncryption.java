package org.ncmcp.broker.token;

import java.nio.file.Path;
import javax.crypto.SecretKey;
import org.ncmcp.broker.vault.AesGcm;
import org.ncmcp.broker.vault.GeneratedKeyFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for the broker's own secrets at rest (private signing keys). The associated data binds
 * each ciphertext to what it protects, so a row copied onto another row does not decrypt.
 */
@Component
public class KeyEncryption {

    private final SecretKey key;

    public KeyEncryption(KeyProperties properties, @Value("${broker.data-dir:.data/broker}") Path dataDir) {
        this.key = GeneratedKeyFile.configuredOrGenerated(properties.encryptionKey(), "broker.keys.encryption-key",
                dataDir.resolve("key-encryption-key"));
    }

    public byte[] encrypt(byte[] plaintext, String associatedData) {
        return AesGcm.encrypt(key, plaintext, associatedData);
    }

    public byte[] decrypt(byte[] ciphertext, String associatedData) {
        try {
            return AesGcm.decrypt(key, ciphertext, associatedData);
        } catch (AesGcm.DecryptionFailedException e) {
            throw new IllegalStateException("A signing key could not be decrypted: broker.keys.encryption-key is not"
                    + " the key it was encrypted with", e);
        }
    }
}
