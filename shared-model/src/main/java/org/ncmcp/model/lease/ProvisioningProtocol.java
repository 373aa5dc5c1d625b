package org.ncmcp.model.lease;

/**
 * The broker's internal provisioning-status endpoint, used by mcp-resource's {@code nc_auth_*} tools. Same
 * authentication as a lease (mcp-resource's client credentials plus the user's MCP access token as
 * {@code subject_token}); the answer never holds a secret.
 */
public final class ProvisioningProtocol {

    /** POST, form-encoded {@code subject_token}; answers JSON with the fields below. */
    public static final String STATUS_PATH = "/internal/v1/provisioning/status";
    /**
     * POST, form-encoded {@code subject_token}: Nextcloud answered 401 to this person's lease. The broker checks the
     * stored credential with Nextcloud itself and marks it revoked if Nextcloud refuses it; answers 204.
     */
    public static final String REJECTED_PATH = "/internal/v1/provisioning/rejected";
    /** The browser page where a person connects Nextcloud; {@code scope} pre-selects scopes, {@code replace=true} changes them. */
    public static final String PROVISION_PAGE = "/provision";

    public static final String PARAM_SUBJECT_TOKEN = "subject_token";

    public static final String FIELD_STATUS = "status";
    public static final String FIELD_KIND = "provisioning_kind";
    public static final String FIELD_GRANTED_SCOPE = "granted_scope";
    public static final String FIELD_NEXTCLOUD_USER = "nextcloud_user";
    public static final String FIELD_PROVISIONING_URI = "provisioning_uri";
    /** A person-readable sentence about the latest attempt (why it failed, what to do); never a secret. */
    public static final String FIELD_DETAIL = "detail";
    /** Scopes of a pending or failed attempt, when one exists. */
    public static final String FIELD_PENDING_SCOPE = "pending_scope";
    public static final String FIELD_UPDATED_AT = "updated_at";

    private ProvisioningProtocol() {
    }
}
