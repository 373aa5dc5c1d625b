package org.ncmcp.model.lease;

/** The HTTP authentication scheme a credential lease is used with at Nextcloud. */
public enum LeaseScheme {
    /** An app password: {@code Authorization: Basic base64(loginName:secret)}. */
    BASIC("Basic"),
    /** An OAuth access token for Nextcloud: {@code Authorization: Bearer secret}. */
    BEARER("Bearer");

    private final String value;

    LeaseScheme(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static LeaseScheme parse(String value) {
        for (LeaseScheme scheme : values()) {
            if (scheme.value.equalsIgnoreCase(value)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("Unknown lease scheme: " + value);
    }
}
