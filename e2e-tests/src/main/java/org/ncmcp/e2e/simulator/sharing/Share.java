package org.ncmcp.e2e.simulator.sharing;

import java.time.LocalDate;

/**
 * One share as the simulator keeps it. Only a hash of the password is kept, as Nextcloud does.
 *
 * @param itemPath the shared item's path below the owner's root, without a leading slash
 * @param itemId the file id of the shared file or folder
 */
record Share(long id, int shareType, String owner, String itemPath, long itemId, boolean folder, String shareWith,
        int permissions, String passwordHash, LocalDate expiration, String note, String label, String token,
        long created) {

    static final int USER = 0;
    static final int GROUP = 1;
    static final int LINK = 3;
    static final int EMAIL = 4;

    Share with(int newPermissions, String newPasswordHash, LocalDate newExpiration, String newNote, String newLabel) {
        return new Share(id, shareType, owner, itemPath, itemId, folder, shareWith, newPermissions, newPasswordHash,
                newExpiration, newNote, newLabel, token, created);
    }
}
