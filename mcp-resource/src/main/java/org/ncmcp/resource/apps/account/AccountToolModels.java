package org.ncmcp.resource.apps.account;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Inputs and outputs of the account tools (connecting the caller's Nextcloud account). */
final class AccountToolModels {

    private AccountToolModels() {
    }

    record ProvisionInput(
            @Schema(description = "Scopes to allow, e.g. [\"notes:read\", \"calendar:write\"]. Omit to pre-select the"
                    + " scopes of your current access token.")
            List<String> scopes) {
    }

    record NoInput() {
    }

    record UpdateScopesInput(
            @Schema(description = "Scopes to add to what your assistant may use, e.g. [\"calendar:read\"].")
            List<String> add_scopes,
            @Schema(description = "Scopes to remove. You cannot remove every scope; disconnect on the broker's"
                    + " account page instead. E.g. [\"notes:write\"].")
            List<String> remove_scopes) {
    }

    /**
     * @param status provision: login_required, pending, already_provisioned, declined, cancelled, error; status:
     *     provisioned, pending, not_initiated, error; update: login_required, unchanged, error
     * @param provisioningUrl where the person connects or changes access in a browser, when they need to
     * @param message what happened and what to do, for the person
     * @param grantedScopes what the person currently allows, when connected
     * @param kind how the broker holds the connection (login-flow-v2, oauth-refresh, token-exchange)
     * @param nextcloudUser the connected Nextcloud user id
     */
    record AccountStatus(String status, String provisioningUrl, String message, List<String> grantedScopes,
            String kind, String nextcloudUser) {
    }
}
