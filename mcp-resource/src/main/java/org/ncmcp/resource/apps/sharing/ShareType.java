package org.ncmcp.resource.apps.sharing;

import java.util.Arrays;
import java.util.Optional;

/**
 * The share types the tools create (OCS {@code shareType}); the constants are spelled as the tools' JSON
 * values. Federated, circle, Talk and Deck shares are listed by Nextcloud but not created here.
 */
public enum ShareType {
    user(0),
    group(1),
    link(3),
    email(4);

    private final int code;

    ShareType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ShareType> of(int code) {
        return Arrays.stream(values()).filter(type -> type.code == code).findFirst();
    }

    /** A name for any OCS share type, also those the tools do not create. */
    public static String describe(int code) {
        return of(code).map(Enum::name).orElse(switch (code) {
            case 6 -> "federated";
            case 7 -> "circle";
            case 10 -> "talk";
            case 12 -> "deck";
            default -> "type " + code;
        });
    }
}
