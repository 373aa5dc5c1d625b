package org.ncmcp.resource.apps.sharing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The OCS share permission bits (nextcloud-api.md §1.9), as named flags; spelled as the tools' JSON values. */
public enum SharePermission {
    read(1),
    update(2),
    create(4),
    delete(8),
    share(16);

    private final int bit;

    SharePermission(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int bits(Collection<SharePermission> permissions) {
        int bits = 0;
        for (SharePermission permission : permissions) {
            bits |= permission.bit;
        }
        return bits;
    }

    public static List<SharePermission> of(int bits) {
        List<SharePermission> named = new ArrayList<>();
        for (SharePermission permission : values()) {
            if ((bits & permission.bit) != 0) {
                named.add(permission);
            }
        }
        return named;
    }
}
