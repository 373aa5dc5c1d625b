package org.ncmcp.model.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ncmcp.model.scope.ScopeSet;

/**
 * A short-lived Nextcloud credential the broker hands to mcp-resource for one user and scope set. It lives
 * in memory only; {@link #toString()} never prints the secret.
 *
 * @param scheme how to present {@code secret} to Nextcloud
 * @param secret the app password or Nextcloud access token
 * @param nextcloudUser the Nextcloud user id (paths such as {@code /remote.php/dav/files/{user}})
 * @param loginName the login name for HTTP Basic (may differ from the user id); null for bearer leases
 * @param expiresAt when mcp-resource must stop using this lease
 * @param scopes the scopes this lease was issued for
 * @param grantedScopes everything the user currently allows; effective scopes = token scopes ∩ these
 * @param kind how the broker holds the user's access
 */
public record CredentialLease(LeaseScheme scheme, String secret, String nextcloudUser, String loginName,
        Instant expiresAt, ScopeSet scopes, ScopeSet grantedScopes, ProvisioningKind kind) {

    public CredentialLease {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(nextcloudUser, "nextcloudUser");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(grantedScopes, "grantedScopes");
        Objects.requireNonNull(kind, "kind");
        if (scheme == LeaseScheme.BASIC && (loginName == null || loginName.isBlank())) {
            throw new IllegalArgumentException("A Basic lease needs the login name");
        }
    }

    /** The token-exchange response body the broker sends (RFC 8693 §2.2.1 plus the {@link LeaseProtocol} fields). */
    public Map<String, Object> toResponse(Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(LeaseProtocol.FIELD_ACCESS_TOKEN, secret);
        body.put(LeaseProtocol.FIELD_ISSUED_TOKEN_TYPE, LeaseProtocol.REQUESTED_TOKEN_TYPE);
        body.put(LeaseProtocol.FIELD_TOKEN_TYPE, LeaseProtocol.TOKEN_TYPE_NOT_APPLICABLE);
        body.put(LeaseProtocol.FIELD_EXPIRES_IN, Math.max(0, Duration.between(now, expiresAt).toSeconds()));
        body.put(LeaseProtocol.FIELD_SCOPE, scopes.format());
        body.put(LeaseProtocol.FIELD_SCHEME, scheme.value());
        body.put(LeaseProtocol.FIELD_NEXTCLOUD_USER, nextcloudUser);
        if (loginName != null) {
            body.put(LeaseProtocol.FIELD_LOGIN_NAME, loginName);
        }
        body.put(LeaseProtocol.FIELD_GRANTED_SCOPE, grantedScopes.format());
        body.put(LeaseProtocol.FIELD_KIND, kind.value());
        return body;
    }

    /**
     * Reads a token-exchange response. {@code receivedAt} is when the response arrived: {@code expires_in}
     * counts from then, so clock differences between the services do not matter.
     *
     * @throws IllegalArgumentException when a required field is missing or malformed
     */
    public static CredentialLease fromResponse(Map<String, ?> body, Instant receivedAt) {
        if (!LeaseProtocol.REQUESTED_TOKEN_TYPE.equals(text(body, LeaseProtocol.FIELD_ISSUED_TOKEN_TYPE))) {
            throw new IllegalArgumentException("Not a Nextcloud credential lease: issued_token_type is "
                    + body.get(LeaseProtocol.FIELD_ISSUED_TOKEN_TYPE));
        }
        Object expiresIn = body.get(LeaseProtocol.FIELD_EXPIRES_IN);
        if (!(expiresIn instanceof Number seconds)) {
            throw new IllegalArgumentException("Lease without a numeric expires_in");
        }
        ProvisioningKind kind = ProvisioningKind.tryParse(text(body, LeaseProtocol.FIELD_KIND))
                .orElseThrow(() -> new IllegalArgumentException("Lease with an unknown provisioning_kind"));
        return new CredentialLease(LeaseScheme.parse(text(body, LeaseProtocol.FIELD_SCHEME)),
                text(body, LeaseProtocol.FIELD_ACCESS_TOKEN), text(body, LeaseProtocol.FIELD_NEXTCLOUD_USER),
                optionalText(body, LeaseProtocol.FIELD_LOGIN_NAME), receivedAt.plusSeconds(seconds.longValue()),
                ScopeSet.parse(optionalText(body, LeaseProtocol.FIELD_SCOPE)),
                ScopeSet.parse(optionalText(body, LeaseProtocol.FIELD_GRANTED_SCOPE)), kind);
    }

    private static String text(Map<String, ?> body, String field) {
        String value = optionalText(body, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("Lease without " + field);
        }
        return value;
    }

    private static String optionalText(Map<String, ?> body, String field) {
        Object value = body.get(field);
        return value instanceof String text ? text : null;
    }

    @Override
    public String toString() {
        return "CredentialLease[scheme=" + scheme + ", nextcloudUser=" + nextcloudUser + ", loginName=" + loginName
                + ", expiresAt=" + expiresAt + ", scopes=" + scopes + ", grantedScopes=" + grantedScopes + ", kind="
                + kind + ", secret=<redacted>]";
    }
}
