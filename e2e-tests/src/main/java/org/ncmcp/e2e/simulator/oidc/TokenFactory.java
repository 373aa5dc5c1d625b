package org.ncmcp.e2e.simulator.oidc;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.state.SimulatorUser;

/** Access tokens, ID tokens and userinfo documents with the claims JwtGenerator and UserInfoController produce. */
final class TokenFactory {

    private final SimulatorState state;
    private final OidcSettings settings;
    private final Signer signer;
    private final WebLogin logins;

    TokenFactory(SimulatorState state, OidcSettings settings, Signer signer, WebLogin logins) {
        this.state = state;
        this.settings = settings;
        this.signer = signer;
        this.logins = logins;
    }

    private SimulatorUser user(Grant grant) {
        return state.user(grant.userId).orElseThrow(() -> new IllegalStateException("user is gone: " + grant.userId));
    }

    private static Set<String> scopes(Grant grant) {
        return new HashSet<>(Arrays.asList(grant.scope.trim().split(" +")));
    }

    /** Opaque (72 characters) unless the client's token type is {@code jwt}: then an RFC 9068 {@code at+JWT}. */
    String accessToken(Grant grant, OidcClient client, String issuer, long now) {
        if (!"jwt".equalsIgnoreCase(client.tokenType())) {
            return SimulatorState.randomToken(72);
        }
        SimulatorUser user = user(grant);
        Set<String> scopes = scopes(grant);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", grant.userId);
        // RFC 8707: the authorization request's resource, else the client's resource URL, else the client id.
        claims.put("aud", grant.resource == null || grant.resource.isBlank() ? client.clientId() : grant.resource);
        claims.put("exp", now + settings.expireTime());
        claims.put("auth_time", grant.created);
        claims.put("iat", now);
        claims.put("acr", "0");
        claims.put("client_id", client.clientId());
        claims.put("azp", client.clientId());
        claims.put("preferred_username", grant.userId);
        claims.put("scope", grant.scope);
        claims.put("jti", String.valueOf(grant.id));
        if (scopes.contains("roles")) {
            claims.put("roles", List.of());
        }
        if (scopes.contains("groups")) {
            claims.put("groups", List.of());
        }
        if (scopes.contains("profile")) {
            claims.putAll(UserClaims.profile(user, issuer, logins.lastLogin(grant.userId), false));
        }
        if (scopes.contains("email") && user.email() != null) {
            claims.putAll(UserClaims.email(user, settings.overwriteEmailVerified()));
        }
        return signer.sign(claims, "at+JWT", client);
    }

    /**
     * The ID token. From the token endpoint {@code includeScopeClaims} is false: profile and email claims then appear
     * only if the {@code claims} parameter asked for them, so {@code preferred_username} is normally missing and
     * clients read it from userinfo.
     */
    String idToken(Grant grant, OidcClient client, String issuer, long now, boolean includeScopeClaims) {
        return idToken(grant, client, issuer, now, includeScopeClaims, null, null);
    }

    /** With {@code at_hash}/{@code c_hash} for the hybrid and implicit answers of {@code authorize}. */
    String idToken(Grant grant, OidcClient client, String issuer, long now, boolean includeScopeClaims,
            String accessTokenForHash, String codeForHash) {
        boolean include = includeScopeClaims || settings.alwaysIncludeScopeClaims();
        ClaimsRequest.Section requested = grant.claims.idToken();
        SimulatorUser user = user(grant);
        Set<String> scopes = scopes(grant);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", grant.userId);
        claims.put("aud", client.clientId());
        claims.put("exp", now + settings.expireTime());
        claims.put("auth_time", grant.created);
        claims.put("iat", now);
        claims.put("acr", "0");
        claims.put("azp", client.clientId());
        claims.put("nbf", now);
        claims.put("jti", String.valueOf(grant.id));
        if (requested.matches("scope", grant.scope)) {
            claims.put("scope", grant.scope);
        }
        if (accessTokenForHash != null) {
            claims.put("at_hash", halfHash(accessTokenForHash));
        }
        if (codeForHash != null && !codeForHash.isBlank()) {
            claims.put("c_hash", halfHash(codeForHash));
        }
        if (grant.nonce != null && !grant.nonce.isEmpty()) {
            claims.put("nonce", grant.nonce);
        }
        addScopeClaims(claims, requested, include, scopes, user, issuer, true);
        return signer.sign(claims, "JWT", client);
    }

    Map<String, Object> userinfo(Grant grant, String issuer) {
        SimulatorUser user = user(grant);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", grant.userId);
        claims.put("preferred_username", grant.userId);
        if (!grant.scope.isEmpty()) {
            claims.put("scope", grant.scope);
        }
        addScopeClaims(claims, grant.claims.userinfo(), true, scopes(grant), user, issuer, false);
        return claims;
    }

    private void addScopeClaims(Map<String, Object> claims, ClaimsRequest.Section requested, boolean include,
            Set<String> scopes, SimulatorUser user, String issuer, boolean preferredUsernameInProfile) {
        for (String listClaim : List.of("roles", "groups")) {
            boolean byScope = include && scopes.contains(listClaim);
            if (byScope || requested.has(listClaim)) {
                claims.putAll(requested.filter(Map.of(listClaim, List.of()), byScope));
            }
        }
        boolean profileByScope = include && scopes.contains("profile");
        if (profileByScope || requested.hasAny(UserClaims.PROFILE_CLAIMS)) {
            claims.putAll(requested.filter(UserClaims.profile(user, issuer, logins.lastLogin(user.userId()),
                    preferredUsernameInProfile), profileByScope));
        }
        boolean emailByScope = include && scopes.contains("email");
        if ((emailByScope || requested.hasAny(UserClaims.EMAIL_CLAIMS)) && user.email() != null) {
            claims.putAll(requested.filter(UserClaims.email(user, settings.overwriteEmailVerified()), emailByScope));
        }
    }

    /** OIDC Core's at_hash/c_hash: the left half of the SHA-256, base64url (the app uses SHA-256 for RS256 and HS256). */
    private static String halfHash(String value) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, hash.length / 2));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
