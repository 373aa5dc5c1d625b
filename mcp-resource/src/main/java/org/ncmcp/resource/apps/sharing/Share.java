package org.ncmcp.resource.apps.sharing;

import java.time.LocalDate;

/**
 * A share as the OCS share API describes it (nextcloud-api.md §1.9), reduced to what the tools show. There is
 * deliberately no password field: Nextcloud returns the password hash (for links even in {@code share_with}),
 * and it is dropped while parsing so nothing can echo it.
 *
 * @param shareWith the recipient (user id, group id or email address); null for a public link
 * @param expiration the day the share stops working, or null
 */
public record Share(String id, int shareType, String owner, String ownerDisplayName, String path, String itemType,
        String mimeType, int permissions, String shareWith, String shareWithDisplayName, LocalDate expiration,
        String note, String label, String url, boolean hasPassword, long createdEpochSecond, boolean canEdit) {
}
