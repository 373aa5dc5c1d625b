package org.ncmcp.broker.account;

import java.time.Instant;
import java.util.List;

/**
 * What a person's connection to Nextcloud looks like from outside: never the secret, nor which vault key holds it.
 *
 * @param subject the person's broker subject (the {@code sub} of their tokens)
 * @param status {@code provisioned}, {@code pending}, {@code not_initiated}, {@code declined}, {@code cancelled} or
 *     {@code error}
 * @param provisioned whether a usable credential is stored (leases are issued)
 * @param kind how it was connected ({@code login-flow-v2}, {@code oauth-refresh}, {@code token-exchange}), or null
 * @param nextcloudUser the Nextcloud user id the credential acts as (before connecting: the one the IdP names)
 * @param scopes the scopes the person granted; a lease is never wider
 * @param revoked whether Nextcloud or the IdP refused the stored credential (it must be connected again)
 * @param detail a sentence for the person when something needs their attention
 */
public record AccessView(String subject, String status, boolean provisioned, String kind, String nextcloudUser,
        List<String> scopes, Instant createdAt, Instant updatedAt, boolean revoked, Instant revokedAt,
        String revokedReason, String detail) {
}
