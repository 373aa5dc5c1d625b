package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/**
 * {@code POST token} (OIDCApiController::getToken). Only {@code authorization_code} and {@code refresh_token};
 * every failure is a 400 JSON error (also for client authentication, where RFC 6749 says 401). Quirks kept:
 * the code is looked up <em>before</em> the client is authenticated; client_secret_basic is read only when no
 * {@code client_id} parameter is sent; each response rotates the refresh token; a refresh token lives
 * {@code expire_time + refresh_expire_time} (1800 s) because expiry counts from the access token's end;
 * re-using a code deletes the grant; a failed PKCE check burns the code.
 */
final class TokenEndpoint {

    private static final String METHODS = "GET, POST";

    private final OidcProvider oidc;

    TokenEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("POST", OidcProvider.APP + "/token", this::token);
    }

    private void token(SimExchange exchange) throws IOException {
        OidcHttp.Params params = OidcHttp.Params.of(exchange);
        long now = oidc.now();
        long expireTime = oidc.settings.expireTime();
        String grantType = params.string("grant_type");
        if (!"authorization_code".equals(grantType) && !"refresh_token".equals(grantType)) {
            invalidGrant(exchange, "Invalid grant_type provided. Must be authorization_code or refresh_token.");
            return;
        }
        boolean codeGrant = "authorization_code".equals(grantType);
        String code = codeGrant ? params.string("code") : params.string("refresh_token");
        if (code == null || code.isBlank()) {
            OidcHttp.error(exchange, 400, "invalid_request", "Missing code or refresh_token.");
            return;
        }
        boolean isAuthorizationCode = codeGrant && oidc.tokens.isAuthorizationCode(code);
        if (isAuthorizationCode && oidc.tokens.codeUsed(code)) {
            reuse(exchange, code);
            return;
        }
        Optional<Grant> found = oidc.tokens.byCode(code);
        if (found.isEmpty()) {
            if (isAuthorizationCode && oidc.tokens.codeUsed(code)) {
                reuse(exchange, code);
                return;
            }
            invalidGrant(exchange, "Could not find access token for code or refresh_token.");
            return;
        }
        Grant grant = found.get();

        String clientId = params.string("client_id");
        String clientSecret = params.string("client_secret");
        if (clientId == null) {
            String[] basic = OidcHttp.basicCredentials(exchange);
            if (basic != null) {
                // RFC 6749 §2.3.1: form-encoded before Base64; the app undoes it with rawurldecode.
                clientId = OidcHttp.rawUrlDecode(basic[0]);
                clientSecret = OidcHttp.rawUrlDecode(basic[1]);
            }
        }
        if (clientId == null || clientId.isBlank()) {
            OidcHttp.error(exchange, 400, "invalid_client", "Missing client_id.");
            return;
        }
        Optional<OidcClient> maybeClient = oidc.clients.byClientId(clientId);
        if (maybeClient.isEmpty()) {
            OidcHttp.error(exchange, 400, "invalid_client", "Client not found.");
            return;
        }
        OidcClient client = maybeClient.get();
        if (!client.isPublic() && !client.secret().equals(clientSecret)) {
            OidcHttp.error(exchange, 400, "invalid_client", "Client authentication failed.");
            return;
        }
        if (grant.clientUid != client.uid()) {
            invalidGrant(exchange, "Grant is not valid for this client.");
            return;
        }
        if (codeGrant && !oidc.tokens.codeBelongsTo(code, grant)) {
            invalidGrant(exchange, "Authorization code is not valid.");
            return;
        }
        if (ClientRegistry.expired(client, now, oidc.settings.clientExpireTime())) {
            OidcHttp.error(exchange, 400, "expired_client", "Client expired.");
            return;
        }
        if (codeGrant) {
            if (now > grant.refreshed + expireTime) {
                oidc.tokens.delete(grant);
                invalidGrant(exchange, "Access token already expired.");
                return;
            }
            if (grant.codeChallenge != null) {
                String verifier = params.string("code_verifier");
                if (verifier == null || verifier.isEmpty()) {
                    oidc.tokens.delete(grant);
                    invalidGrant(exchange, "code_verifier required for PKCE flow.");
                    return;
                }
                if (!pkceMatches(verifier, grant.codeChallenge, grant.codeChallengeMethod)) {
                    oidc.tokens.delete(grant);
                    invalidGrant(exchange, "Invalid code_verifier.");
                    return;
                }
            }
        } else if (!oidc.settings.refreshNeverExpiresEnabled() && now > grant.refreshed + oidc.settings.refreshExpireTime()) {
            oidc.tokens.delete(grant);
            invalidGrant(exchange, "Refresh token is expired.");
            return;
        }
        if (!codeGrant && !oidc.tokens.hasConsent(grant.userId, client.uid())) {
            oidc.tokens.delete(grant);
            invalidGrant(exchange, "Consent has been revoked.");
            return;
        }
        if (isAuthorizationCode && !oidc.tokens.markUsed(code, now)) {
            reuse(exchange, code);
            return;
        }

        String issuer = exchange.requestBaseUrl();
        String newCode = SimulatorState.randomToken(128);
        oidc.tokens.reissue(grant, newCode, oidc.factory.accessToken(grant, client, issuer, now), now + expireTime);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", grant.accessToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", expireTime);
        body.put("id_token", oidc.factory.idToken(grant, client, issuer, now, false));
        boolean offline = List.of(grant.scope.trim().split(" +")).contains("offline_access");
        if (oidc.settings.provideRefreshTokenAlways() || offline) {
            body.put("refresh_token", newCode);
            if (!oidc.settings.refreshNeverExpiresEnabled()) {
                body.put("refresh_expires_in", oidc.settings.refreshExpireTime());
            }
        }
        OidcHttp.json(exchange, 200, body, METHODS);
    }

    private void reuse(SimExchange exchange, String code) throws IOException {
        oidc.tokens.revokeGrantOfCode(code);
        invalidGrant(exchange, "Authorization code has already been used.");
    }

    private static void invalidGrant(SimExchange exchange, String description) throws IOException {
        OidcHttp.error(exchange, 400, "invalid_grant", description);
    }

    /** RFC 7636 §4.6 with the app's verifier format check (43-128 unreserved characters). */
    static boolean pkceMatches(String verifier, String challenge, String method) {
        if (!verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
            return false;
        }
        String computed;
        if ("plain".equals(method)) {
            computed = verifier;
        } else if (method == null || "S256".equals(method)) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                computed = Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        } else {
            return false;
        }
        return MessageDigest.isEqual(challenge.getBytes(StandardCharsets.US_ASCII), computed.getBytes(StandardCharsets.US_ASCII));
    }
}
