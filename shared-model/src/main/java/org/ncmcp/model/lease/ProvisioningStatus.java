package org.ncmcp.model.lease;

import java.util.Arrays;
import java.util.Optional;

/** Where a user's connection to Nextcloud stands, as the broker reports it to mcp-resource and on its pages. */
public enum ProvisioningStatus {
    /** A credential is stored and usable. */
    PROVISIONED("provisioned"),
    /** The person started connecting in the browser; the broker is waiting for Nextcloud. */
    PENDING("pending"),
    /** Never connected, or the connection was revoked. */
    NOT_INITIATED("not_initiated"),
    /** The person chose not to connect on the broker's page. */
    DECLINED("declined"),
    /** The person cancelled a started connection, or it expired unused. */
    CANCELLED("cancelled"),
    /** Connecting failed (identity mismatch, Nextcloud unreachable, ...); the detail says why. */
    ERROR("error");

    private final String value;

    ProvisioningStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ProvisioningStatus> tryParse(String value) {
        return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
