package org.ncmcp.broker.lease;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for machine client secrets: they are long and random, so a slow password hash adds nothing but
 * latency to every lease. Compared in constant time. Only for secrets the operator configures, never for
 * passwords people choose.
 */
final class MachineSecretEncoder implements PasswordEncoder {

    static final String ID = "sha256";

    @Override
    public String encode(CharSequence rawSecret) {
        return HexFormat.of().formatHex(digest(rawSecret));
    }

    @Override
    public boolean matches(CharSequence rawSecret, String encoded) {
        if (rawSecret == null || encoded == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(encoded);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return MessageDigest.isEqual(digest(rawSecret), expected);
    }

    private static byte[] digest(CharSequence raw) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(raw.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
