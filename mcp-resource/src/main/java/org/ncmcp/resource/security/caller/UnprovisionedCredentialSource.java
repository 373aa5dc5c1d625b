package org.ncmcp.resource.security.caller;

import org.ncmcp.resource.credentials.CredentialSource;
import org.ncmcp.resource.credentials.NextcloudCredential;
import org.ncmcp.resource.nextcloud.NextcloudAuthenticationException;

/**
 * Multi-user mode until the broker hands out credential leases (issue 4): no caller has a Nextcloud
 * credential yet, so every tool that needs Nextcloud answers with an error saying so. The caller's MCP
 * access token is never sent to Nextcloud in its place (RS-07): it was issued for this server only.
 */
public final class UnprovisionedCredentialSource implements CredentialSource {

    private final CurrentCaller callers;

    public UnprovisionedCredentialSource(CurrentCaller callers) {
        this.callers = callers;
    }

    @Override
    public NextcloudCredential currentCredential() {
        String user = callers.get()
                .map(caller -> caller.nextcloudUser() != null ? caller.nextcloudUser() : caller.subject())
                .orElse("unknown");
        // Status 0: Nextcloud was not called at all.
        throw new NextcloudAuthenticationException(0, "Nextcloud user '" + user + "': this user has not connected"
                + " their Nextcloud account yet (provisioning arrives with the broker's provisioning flow), so no"
                + " Nextcloud request was made.");
    }

    @Override
    public String rejectionAdvice() {
        return "Connect your Nextcloud account again through the auth-broker.";
    }
}
