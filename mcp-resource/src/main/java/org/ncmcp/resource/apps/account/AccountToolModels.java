package org.ncmcp.resource.apps.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/** Inputs and outputs of the account tools (connecting the caller's Nextcloud account). */
final class AccountToolModels {

    private AccountToolModels() {
    }

    record ProvisionInput(
            @Schema(description = "Scopes to allow, e.g. [\"notes:read\", \"calendar:write\"]. Omit to pre-select the"
                    + " scopes of your current access token.", requiredMode = RequiredMode.NOT_REQUIRED)
            List<String> scopes) {
    }

    record NoInput() {
    }

    record UpdateScopesInput(
            @Schema(description = "Scopes to add to what your assistant may use, e.g. [\"calendar:read\"].",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            List<String> add_scopes,
            @Schema(description = "Scopes to remove, e.g. [\"notes:write\"]. You cannot remove every scope; disconnect"
                    + " on the broker's account page instead.", requiredMode = RequiredMode.NOT_REQUIRED)
            List<String> remove_scopes) {
    }

    /** What the account tools answer. Fields that do not apply are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccountStatus(
            @Schema(description = "nc_auth_provision_access: login_required, pending, already_provisioned, declined,"
                    + " cancelled or error; nc_auth_check_status: provisioned, pending, not_initiated or error;"
                    + " nc_auth_update_scopes: login_required, unchanged or error.") String status,
            @Schema(description = "Open this in a browser to connect or change access, when needed.",
                    requiredMode = RequiredMode.NOT_REQUIRED) String provisioningUrl,
            @Schema(description = "What happened and what to do next.") String message,
            @Schema(description = "The scopes the person currently allows, when connected.",
                    requiredMode = RequiredMode.NOT_REQUIRED) List<String> grantedScopes,
            @Schema(description = "How the connection is held: login-flow-v2, oauth-refresh or token-exchange.",
                    requiredMode = RequiredMode.NOT_REQUIRED) String kind,
            @Schema(description = "The connected Nextcloud user id.", requiredMode = RequiredMode.NOT_REQUIRED)
            String nextcloudUser) {
    }
}
