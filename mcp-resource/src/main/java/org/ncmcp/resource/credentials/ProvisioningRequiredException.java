package org.ncmcp.resource.credentials;

/**
 * The caller has not connected their Nextcloud account (or the connection was revoked): no Nextcloud request was
 * made. Tool calls answer with the MCP {@code URLElicitationRequiredError} (-32042) pointing at
 * {@link #provisioningUrl()}, or with a tool result carrying it for clients without URL elicitation.
 */
public final class ProvisioningRequiredException extends RuntimeException {

    private final String provisioningUrl;

    public ProvisioningRequiredException(String message, String provisioningUrl) {
        super(message, null, false, false);
        this.provisioningUrl = provisioningUrl;
    }

    public String provisioningUrl() {
        return provisioningUrl;
    }
}
