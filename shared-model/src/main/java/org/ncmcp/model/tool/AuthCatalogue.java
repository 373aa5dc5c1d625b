package org.ncmcp.model.tool;

import java.util.List;

/**
 * The account tools of multi-user mode: connecting the caller's Nextcloud account through the auth-broker. They
 * read and write no Nextcloud data, so they need no scope (only a valid token) and are not in {@link ToolCatalogue}.
 */
public final class AuthCatalogue {

    public static final ToolInfo PROVISION_ACCESS = ToolInfo.withoutScope("nc_auth_provision_access",
            "Connect Nextcloud", new ToolHints(true, false, true, true));
    public static final ToolInfo CHECK_STATUS = ToolInfo.withoutScope("nc_auth_check_status",
            "Nextcloud connection status", new ToolHints(true, false, true, true));
    // The change itself happens in the person's browser; the tool only prepares it.
    public static final ToolInfo UPDATE_SCOPES = ToolInfo.withoutScope("nc_auth_update_scopes",
            "Change Nextcloud access", new ToolHints(false, false, true, true));

    public static final List<ToolInfo> TOOLS = List.of(PROVISION_ACCESS, CHECK_STATUS, UPDATE_SCOPES);

    private AuthCatalogue() {
    }

    public static boolean contains(ToolInfo tool) {
        return TOOLS.contains(tool);
    }
}
