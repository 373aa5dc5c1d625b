package org.ncmcp.model.lease;

/**
 * The internal credential-lease API between mcp-resource and the auth-broker, as names on the wire. A lease is
 * an RFC 8693 token exchange at the broker's token endpoint: mcp-resource authenticates as its own confidential
 * client, presents the user's MCP access token as the subject token and asks for a Nextcloud credential for a
 * scope. The answer is a token-exchange response whose {@code access_token} is the Nextcloud secret and whose
 * {@code token_type} is {@code N_A} (RFC 8693 §2.2.1: the issued token is not an OAuth access token), with the
 * extension fields below.
 */
public final class LeaseProtocol {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    public static final String SUBJECT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** What mcp-resource asks for; the broker's other token exchanges (if any) never issue it. */
    public static final String REQUESTED_TOKEN_TYPE = "urn:ncmcp:params:oauth:token-type:nextcloud-credential";
    /** RFC 8693 §2.2.1: the issued token is not an access token. */
    public static final String TOKEN_TYPE_NOT_APPLICABLE = "N_A";

    // request parameters (RFC 8693 §2.1)
    public static final String PARAM_GRANT_TYPE = "grant_type";
    public static final String PARAM_SUBJECT_TOKEN = "subject_token";
    public static final String PARAM_SUBJECT_TOKEN_TYPE = "subject_token_type";
    public static final String PARAM_REQUESTED_TOKEN_TYPE = "requested_token_type";
    public static final String PARAM_SCOPE = "scope";

    // response fields: RFC 8693 §2.2.1 plus ours
    public static final String FIELD_ACCESS_TOKEN = "access_token";
    public static final String FIELD_ISSUED_TOKEN_TYPE = "issued_token_type";
    public static final String FIELD_TOKEN_TYPE = "token_type";
    public static final String FIELD_EXPIRES_IN = "expires_in";
    public static final String FIELD_SCOPE = "scope";
    public static final String FIELD_SCHEME = "nextcloud_scheme";
    public static final String FIELD_NEXTCLOUD_USER = "nextcloud_user";
    public static final String FIELD_LOGIN_NAME = "nextcloud_login_name";
    public static final String FIELD_GRANTED_SCOPE = "granted_scope";
    public static final String FIELD_KIND = "provisioning_kind";

    // error responses (RFC 6749 §5.2 shape; the codes below are extensions)
    public static final String FIELD_ERROR = "error";
    public static final String FIELD_ERROR_DESCRIPTION = "error_description";
    /**
     * On {@link #ERROR_NOT_PROVISIONED}: the page where the person connects their Nextcloud account (RFC 6749
     * {@code error_uri}, "a human-readable web page with information about the error").
     */
    public static final String FIELD_ERROR_URI = "error_uri";
    /** The user has not connected Nextcloud, or the connection was revoked. */
    public static final String ERROR_NOT_PROVISIONED = "nextcloud_not_provisioned";
    /** The user's credential kind cannot reach the API the scope needs (bearer tokens reach OCS and WebDAV only). */
    public static final String ERROR_KIND_CANNOT_REACH = "nextcloud_kind_insufficient";
    /** The requested scope is outside what the user granted (RFC 6749 code). */
    public static final String ERROR_INVALID_SCOPE = "invalid_scope";

    private LeaseProtocol() {
    }
}
