package org.ncmcp.resource.credentials;

/** Single-user mode: every call uses the one app password from the configuration. */
public final class SingleUserCredentialSource implements CredentialSource {

    private final NextcloudCredential credential;

    public SingleUserCredentialSource(String username, String appPassword) {
        this.credential = NextcloudCredential.appPassword(username, username, appPassword);
    }

    @Override
    public NextcloudCredential currentCredential() {
        return credential;
    }

    @Override
    public String rejectionAdvice() {
        return "Check NEXTCLOUD_USERNAME and NEXTCLOUD_APP_PASSWORD (create a new app password in Nextcloud under"
                + " Settings > Security > Devices & sessions), then restart the server.";
    }
}
