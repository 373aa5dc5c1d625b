package org.ncmcp.broker.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of token values: what the database keeps instead of the tokens themselves. */
public final class TokenHashes {

    public static final String PREFIX = "sha256:";

    private TokenHashes() {
    }

    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form of a token value; idempotent for values already stored. */
    public static String stored(String value) {
        return value.startsWith(PREFIX) ? value : PREFIX + sha256Hex(value);
    }
}
