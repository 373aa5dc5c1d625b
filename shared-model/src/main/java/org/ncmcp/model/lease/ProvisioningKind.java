package org.ncmcp.model.lease;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How the broker holds a user's offline access to Nextcloud (ARCHITECTURE.md §2.1). The kind decides which
 * Nextcloud APIs a lease can reach: Nextcloud accepts bearer tokens on OCS and WebDAV only, so Notes,
 * CalDAV, CardDAV, Deck, Tables and Cookbook need an app password.
 */
public enum ProvisioningKind {

    /** Nextcloud Login Flow v2: the broker stores an app password (HTTP Basic). Reaches every API. */
    LOGIN_FLOW_V2("login-flow-v2", LeaseScheme.BASIC),
    /** A second code flow at the IdP with {@code offline_access}; the broker stores the refresh token. */
    OAUTH_REFRESH("oauth-refresh", LeaseScheme.BEARER),
    /** No Nextcloud secret stored: the user's upstream token is exchanged at the IdP (RFC 8693) per lease. */
    TOKEN_EXCHANGE("token-exchange", LeaseScheme.BEARER);

    private final String value;
    private final LeaseScheme scheme;

    ProvisioningKind(String value, LeaseScheme scheme) {
        this.value = value;
        this.scheme = scheme;
    }

    /** The name used in configuration, the database and the APIs. */
    public String value() {
        return value;
    }

    /** How a lease of this kind authenticates at Nextcloud. */
    public LeaseScheme scheme() {
        return scheme;
    }

    /** Whether a credential of this kind can call {@code api}. */
    public boolean reaches(NextcloudApi api) {
        return scheme == LeaseScheme.BASIC || api.acceptsBearerTokens();
    }

    public static Optional<ProvisioningKind> tryParse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.value.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return value;
    }
}
