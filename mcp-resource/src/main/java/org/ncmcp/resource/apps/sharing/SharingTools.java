package org.ncmcp.resource.apps.sharing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.model.tool.SharingCatalogue;
import org.ncmcp.resource.apps.sharing.SharingToolModels.CreateShareInput;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ListSharesInput;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ShareDeleted;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ShareDetails;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ShareIdInput;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ShareList;
import org.ncmcp.resource.apps.sharing.SharingToolModels.UpdateShareInput;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The five sharing tools (OCS share API). */
public class SharingTools implements ToolSet {

    private final SharingClient sharing;

    public SharingTools(SharingClient sharing) {
        this.sharing = sharing;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(SharingCatalogue.CREATE_SHARE,
                        "Share a file or folder with a user, a group, an email address, or as a public link."
                                + " Returns the share, with the URL for a link. Public links and email shares are"
                                + " reachable from outside Nextcloud: confirm with the user first.",
                        CreateShareInput.class, ShareDetails.class, this::create),
                NextcloudTool.of(SharingCatalogue.GET_SHARE,
                        "Read one share: what is shared, with whom, permissions, expiry, whether a password is set.",
                        ShareIdInput.class, ShareDetails.class,
                        input -> ShareDetails.of(sharing.getShare(input.shareId()))),
                NextcloudTool.of(SharingCatalogue.LIST_SHARES,
                        "List the shares you made (optionally of one path or of the items inside a folder), or the"
                                + " shares others made with you.",
                        ListSharesInput.class, ShareList.class, this::list),
                NextcloudTool.of(SharingCatalogue.UPDATE_SHARE,
                        "Change a share you made: permissions, password, expiry date, note or label. Only the given"
                                + " fields change.",
                        UpdateShareInput.class, ShareDetails.class, this::update),
                NextcloudTool.of(SharingCatalogue.DELETE_SHARE,
                        "Stop a share: recipients (or everyone with the link) lose access. The file itself stays.",
                        ShareIdInput.class, ShareDeleted.class, this::delete));
    }

    private ShareDetails create(CreateShareInput input) {
        boolean link = input.shareType() == ShareType.link;
        if (link && input.shareWith() != null) {
            throw new InvalidToolInputException("'shareWith' must be left out for a public link.");
        }
        if (!link && (input.shareWith() == null || input.shareWith().isBlank())) {
            throw new InvalidToolInputException("'shareWith' is required for a " + input.shareType() + " share ("
                    + switch (input.shareType()) {
                        case user -> "the user id, e.g. bob";
                        case group -> "the group id, e.g. staff";
                        default -> "the email address";
                    } + ").");
        }
        if (input.password() != null && !link && input.shareType() != ShareType.email) {
            throw new InvalidToolInputException("'password' applies only to 'link' and 'email' shares.");
        }
        Integer permissions = input.permissions() == null ? null : bits(input.permissions());
        return ShareDetails.of(sharing.createShare(input.path(), input.shareType(), input.shareWith(), permissions,
                input.password(), input.expireDate(), input.note(), input.label()));
    }

    private ShareList list(ListSharesInput input) {
        boolean withMe = Boolean.TRUE.equals(input.sharedWithMe());
        boolean inside = Boolean.TRUE.equals(input.insideFolder());
        if (inside && (withMe || input.path() == null)) {
            throw new InvalidToolInputException("'insideFolder' needs a folder 'path' and works on your own shares"
                    + " (not with sharedWithMe).");
        }
        List<Share> found = withMe ? sharing.listSharedWithMe(input.path()) : sharing.listShares(input.path(), inside);
        List<ShareDetails> shares = found.stream().map(ShareDetails::of).toList();
        return new ShareList(withMe ? "shared with me" : "mine", input.path() == null ? "" : input.path(),
                shares.size(), shares);
    }

    private ShareDetails update(UpdateShareInput input) {
        boolean removePassword = Boolean.TRUE.equals(input.removePassword());
        boolean removeExpiry = Boolean.TRUE.equals(input.removeExpireDate());
        if (removePassword && input.password() != null) {
            throw new InvalidToolInputException("give either 'password' or 'removePassword', not both.");
        }
        if (removeExpiry && input.expireDate() != null) {
            throw new InvalidToolInputException("give either 'expireDate' or 'removeExpireDate', not both.");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        if (input.permissions() != null) {
            changes.put("permissions", bits(input.permissions()));
        }
        if (input.password() != null || removePassword) {
            changes.put("password", removePassword ? "" : input.password());
        }
        if (input.expireDate() != null || removeExpiry) {
            changes.put("expireDate", removeExpiry ? "" : input.expireDate().toString());
        }
        if (input.note() != null) {
            changes.put("note", input.note());
        }
        if (input.label() != null) {
            changes.put("label", input.label());
        }
        if (changes.isEmpty()) {
            throw new InvalidToolInputException("nothing to change: give permissions, password, removePassword,"
                    + " expireDate, removeExpireDate, note or label.");
        }
        return ShareDetails.of(sharing.updateShare(input.shareId(), changes));
    }

    private ShareDeleted delete(ShareIdInput input) {
        Share share = sharing.getShare(input.shareId());
        sharing.deleteShare(input.shareId());
        return new ShareDeleted(input.shareId(), share.path() == null ? "" : share.path(), true);
    }

    private static int bits(List<SharePermission> permissions) {
        if (!permissions.contains(SharePermission.read)) {
            throw new InvalidToolInputException("'permissions' must include read: a share nobody can open is not a"
                    + " share.");
        }
        return SharePermission.bits(permissions);
    }
}
