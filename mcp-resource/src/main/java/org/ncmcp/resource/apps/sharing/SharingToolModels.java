package org.ncmcp.resource.apps.sharing;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Inputs and outputs of the sharing tools; their JSON schemas are generated from these records. */
final class SharingToolModels {

    static final String SHARE_ID = "[0-9]{1,18}";

    private SharingToolModels() {
    }

    record CreateShareInput(
            @Schema(description = "Path of the file or folder to share, from the root of your files.",
                    example = "/Documents/Report.pdf") @NotBlank @Size(max = 4000) String path,
            @Schema(description = "Who gets access: 'user' (one account), 'group', 'link' (a public link anyone with"
                    + " the URL can open) or 'email' (a link sent to an email address).", example = "link")
            @NotNull ShareType shareType,
            @Schema(description = "The recipient: a user id for 'user', a group id for 'group', an email address for"
                    + " 'email'. Leave out for 'link'.", example = "bob", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 255) String shareWith,
            @Schema(description = "What recipients may do, as flags: read, update, create, delete, share; read is"
                    + " required. Default: all for users and groups, read only for links and email. On a file"
                    + " Nextcloud never grants create or delete.", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(min = 1, max = 5) List<@NotNull SharePermission> permissions,
            @Schema(description = "Password protecting a 'link' or 'email' share. It is sent to Nextcloud and never"
                    + " shown again.", requiredMode = RequiredMode.NOT_REQUIRED) @Size(min = 1, max = 200)
            String password,
            @Schema(description = "Last day the share works (YYYY-MM-DD, today or later); omit for no expiry.",
                    example = "2026-12-31", requiredMode = RequiredMode.NOT_REQUIRED) @FutureOrPresent
            LocalDate expireDate,
            @Schema(description = "A note shown to the recipient.", example = "Please review by Friday",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2000) String note,
            @Schema(description = "A label for a link, to tell several links apart.", example = "For the auditors",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 255) String label) {
    }

    record ShareIdInput(
            @Schema(description = "The share's id, as returned by nc_sharing_list_shares or nc_sharing_create_share.",
                    example = "42") @NotBlank @Pattern(regexp = SHARE_ID, message = "must be a share id (digits)")
            String shareId) {
    }

    record ListSharesInput(
            @Schema(description = "Only shares of this file or folder; omit for all.", example = "/Documents",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(min = 1, max = 4000) String path,
            @Schema(description = "true: shares others made with you; false or omitted: shares you made.",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean sharedWithMe,
            @Schema(description = "With a folder path and your own shares: list the shares of the items directly"
                    + " inside the folder instead of the folder's own.", requiredMode = RequiredMode.NOT_REQUIRED)
            Boolean insideFolder) {
    }

    record UpdateShareInput(
            @Schema(description = "The share's id.", example = "42") @NotBlank
            @Pattern(regexp = SHARE_ID, message = "must be a share id (digits)") String shareId,
            @Schema(description = "New permissions as flags (read, update, create, delete, share); read is required."
                    + " Omit to keep them.", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(min = 1, max = 5) List<@NotNull SharePermission> permissions,
            @Schema(description = "New password for a 'link' or 'email' share; never shown again. Omit to keep it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(min = 1, max = 200) String password,
            @Schema(description = "true removes the password of a 'link' or 'email' share.",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean removePassword,
            @Schema(description = "New last day (YYYY-MM-DD, today or later). Omit to keep it.", example = "2026-12-31",
                    requiredMode = RequiredMode.NOT_REQUIRED) @FutureOrPresent LocalDate expireDate,
            @Schema(description = "true removes the expiry date.", requiredMode = RequiredMode.NOT_REQUIRED)
            Boolean removeExpireDate,
            @Schema(description = "New note for the recipient; empty string removes it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 2000) String note,
            @Schema(description = "New label; empty string removes it.", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 255) String label) {
    }

    @Schema(description = "A share of a file or folder. A password is never shown, only whether there is one.")
    record ShareDetails(
            @Schema(description = "The share's id.") String id,
            @Schema(description = "user, group, link, email (or another Nextcloud share type).") String shareType,
            @Schema(description = "Path of the shared item (for shares with you: where it appears in your files).")
            String path,
            @Schema(description = "file or folder.") String itemType,
            @Schema(description = "Who shared it (user id).") String owner,
            @Schema(description = "The recipient: user id, group id or email address; empty for a link.")
            String shareWith,
            @Schema(description = "The recipient's display name; empty for a link.") String shareWithDisplayName,
            @Schema(description = "What recipients may do.") List<SharePermission> permissions,
            @Schema(description = "The same as Nextcloud's bit mask (1 read, 2 update, 4 create, 8 delete, 16 share).")
            int permissionBits,
            @Schema(description = "Last day the share works (YYYY-MM-DD); empty for none.") String expireDate,
            @Schema(description = "Whether a password protects the share.") boolean passwordProtected,
            @Schema(description = "The public URL of a link; empty otherwise.") String url,
            @Schema(description = "Note to the recipient.") String note,
            @Schema(description = "Label.") String label,
            @Schema(description = "When the share was made, ISO-8601 UTC.") String created) {

        static ShareDetails of(Share share) {
            return new ShareDetails(share.id(), ShareType.describe(share.shareType()), empty(share.path()),
                    empty(share.itemType()), empty(share.owner()), empty(share.shareWith()),
                    empty(share.shareWithDisplayName()), SharePermission.of(share.permissions()), share.permissions(),
                    share.expiration() == null ? "" : share.expiration().toString(), share.hasPassword(),
                    empty(share.url()), empty(share.note()), empty(share.label()),
                    Instant.ofEpochSecond(share.createdEpochSecond()).toString());
        }
    }

    @Schema(description = "Shares found.")
    record ShareList(
            @Schema(description = "'mine' (shares you made) or 'shared with me'.") String whose,
            @Schema(description = "The path filter, empty for none.") String path,
            @Schema(description = "How many shares were found.") int count,
            @Schema(description = "The shares.") List<ShareDetails> shares) {
    }

    @Schema(description = "The outcome of stopping a share.")
    record ShareDeleted(
            @Schema(description = "The share's id.") String shareId,
            @Schema(description = "Path of the item that is no longer shared this way.") String path,
            @Schema(description = "Always true: the share is gone.") boolean deleted) {
    }

    private static String empty(String text) {
        return text == null ? "" : text;
    }
}
