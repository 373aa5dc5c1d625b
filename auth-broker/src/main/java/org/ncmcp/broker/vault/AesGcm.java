package org.ncmcp.broker.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a random 96-bit nonce per message; the output is {@code nonce || ciphertext || tag}.
 * The associated data binds a ciphertext to what it protects (whose secret, which kind), so a value copied
 * onto another row fails to decrypt instead of silently becoming someone else's secret.
 */
public final class AesGcm {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher object per thread, initialised afresh for every message: looking the transformation up in the
     * provider list costs more than the decryption itself on the credential-lease path.
     */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available in this JVM", e);
        }
    });

    private AesGcm() {
    }

    public static byte[] encrypt(SecretKey key, byte[] plaintext, String associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws DecryptionFailedException when the key is wrong, the data was altered or belongs elsewhere */
    public static byte[] decrypt(SecretKey key, byte[] sealed, String associatedData) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionFailedException("ciphertext too short");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException wrong) {
            throw new DecryptionFailedException("authentication tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    /** A 256-bit key from base64 configuration; {@code source} names the setting in the error. */
    public static SecretKey keyFromBase64(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must be 32 bytes (base64 of 32 random bytes, e.g. `openssl rand"
                    + " -base64 32`), was " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public static String newKeyBase64() {
        byte[] fresh = new byte[KEY_BYTES];
        RANDOM.nextBytes(fresh);
        return Base64.getEncoder().encodeToString(fresh);
    }

    /** Thrown instead of the JCE exception so callers can tell "wrong key or tampered" from a broken JVM. */
    public static final class DecryptionFailedException extends RuntimeException {
        public DecryptionFailedException(String reason) {
            super("Decryption failed: " + reason);
        }
    }
}
