package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.SHARING;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The sharing tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class SharingCatalogue {

    public static final String CREATE_SHARE_NAME = "nc_sharing_create_share";
    public static final String GET_SHARE_NAME = "nc_sharing_get_share";
    public static final String LIST_SHARES_NAME = "nc_sharing_list_shares";
    public static final String UPDATE_SHARE_NAME = "nc_sharing_update_share";
    public static final String DELETE_SHARE_NAME = "nc_sharing_delete_share";

    // A public link or an email share reaches people outside this Nextcloud: open world. Each call adds a share.
    public static final ToolInfo CREATE_SHARE = new ToolInfo(CREATE_SHARE_NAME, "Share a file or folder",
            Scope.write(SHARING), ToolHints.additive().withOpenWorld());
    public static final ToolInfo GET_SHARE = new ToolInfo(GET_SHARE_NAME, "Get share", Scope.read(SHARING),
            ToolHints.read());
    public static final ToolInfo LIST_SHARES = new ToolInfo(LIST_SHARES_NAME, "List shares", Scope.read(SHARING),
            ToolHints.read());
    // Lowering permissions or moving the expiry takes access away from recipients: destructive.
    public static final ToolInfo UPDATE_SHARE = new ToolInfo(UPDATE_SHARE_NAME, "Update share", Scope.write(SHARING),
            ToolHints.update());
    public static final ToolInfo DELETE_SHARE = new ToolInfo(DELETE_SHARE_NAME, "Stop sharing", Scope.write(SHARING),
            ToolHints.delete());

    /** Every sharing tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(CREATE_SHARE, GET_SHARE, LIST_SHARES, UPDATE_SHARE,
            DELETE_SHARE);

    private SharingCatalogue() {
    }
}
