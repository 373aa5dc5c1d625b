package org.ncmcp.resource.security.caller;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the broker's access token says: the stable upstream user id ({@code sub}), the
 * Nextcloud user id ({@code nc_user}, if the token names it), the OAuth client and the token's scopes. The raw token is kept
 * only so a later credential-lease request to the broker can present it (never to Nextcloud: RS-07);
 * {@link #toString()} never prints it.
 *
 * @param subject the {@code sub} claim
 * @param nextcloudUser the {@code nc_user} claim; null when the token has none
 * @param clientId the {@code client_id} claim
 * @param tokenScopes the catalogue scopes in the token's {@code scope} claim; others are ignored
 * @param accessToken the bearer token as received
 */
public record CallerIdentity(String subject, String nextcloudUser, String clientId, ScopeSet tokenScopes,
        String accessToken) {

    public CallerIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tokenScopes, "tokenScopes");
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /** The identity in a validated access token. */
    public static CallerIdentity of(Jwt token) {
        return new CallerIdentity(token.getSubject(), token.getClaimAsString("nc_user"),
                token.getClaimAsString("client_id"), scopes(token.getClaim("scope")), token.getTokenValue());
    }

    /**
     * Reads the {@code scope} claim, a space-separated string (RFC 9068 §2.2.3) or, from some servers, a
     * list. Tokens we do not know ({@code openid}, {@code offline_access}) grant nothing here and are
     * skipped rather than rejected.
     */
    static ScopeSet scopes(Object claim) {
        if (claim instanceof String text) {
            return ScopeSet.ofKnown(text);
        }
        if (claim instanceof Collection<?> list) {
            return ScopeSet.of(list.stream().map(String::valueOf).map(Scope::tryParse).flatMap(Optional::stream)
                    .toList());
        }
        return ScopeSet.empty();
    }

    @Override
    public String toString() {
        return "CallerIdentity[subject=" + subject + ", nextcloudUser=" + nextcloudUser + ", clientId=" + clientId
                + ", tokenScopes=" + tokenScopes + ", accessToken=<redacted>]";
    }
}
