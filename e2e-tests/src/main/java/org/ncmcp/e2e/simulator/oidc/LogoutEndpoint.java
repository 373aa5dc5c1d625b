package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.util.Optional;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import tools.jackson.databind.JsonNode;

/**
 * RP-initiated logout (LogoutController): ends the Nextcloud session, revokes every oidc token of the user (all
 * clients), and redirects to {@code post_logout_redirect_uri} only when a valid {@code id_token_hint} came along and
 * the URI is registered exactly; otherwise to the login page. An invalid or <em>expired</em> hint is a 401.
 */
final class LogoutEndpoint {

    private final OidcProvider oidc;

    LogoutEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("GET", OidcProvider.APP + "/logout", this::logout).on("POST", OidcProvider.APP + "/logout", this::logout);
    }

    private void logout(SimExchange exchange) throws IOException {
        OidcHttp.Params params = OidcHttp.Params.of(exchange);
        String userId = null;
        boolean validatedHint = false;
        WebSessions.Session session = oidc.sessions.find(exchange);
        if (session != null && session.loggedIn()) {
            userId = session.userId;
            session.logout();
        }
        String hint = params.present("id_token_hint");
        if (hint != null) {
            Optional<JsonNode> claims = oidc.signer.verifiedClaims(hint).filter(c -> notExpired(c, oidc.now()));
            if (claims.isEmpty()) {
                invalid(exchange, "invalid_jwt", "Provided id_token_hint is invalid");
                return;
            }
            JsonNode jwt = claims.get();
            if (jwt.has("iss") && !exchange.requestBaseUrl().equals(jwt.path("iss").asString())) {
                invalid(exchange, "invalid_jwt", "id_token_hint has invalid issuer");
                return;
            }
            String subject = jwt.path("sub").asString("");
            if (subject.isEmpty()) {
                invalid(exchange, "invalid_jwt", "Provided JWT does not contain a subject.");
                return;
            }
            if (oidc.state.user(subject).isEmpty()) {
                invalid(exchange, "invalid_user", "Provided user in JWT is unknown.");
                return;
            }
            String clientId = params.string("client_id");
            if (clientId != null && !clientId.equals(jwt.path("aud").asString())) {
                invalid(exchange, "invalid_jwt", "Provided client_id does not match to the one issued the JWT.");
                return;
            }
            userId = subject;
            validatedHint = true;
        }
        if (userId != null) {
            oidc.tokens.deleteByUser(userId);
        }
        String target = params.present("post_logout_redirect_uri");
        if (target != null && validatedHint && oidc.logoutRedirectUris.contains(target)) {
            String state = params.present("state");
            exchange.redirect(state == null ? target : target + (target.contains("?") ? "&" : "?") + "state=" + WebLogin.encode(state));
            return;
        }
        exchange.redirect("/index.php/login");
    }

    /** firebase/php-jwt without leeway: expired at {@code exp}, not yet valid before {@code nbf}/{@code iat}. */
    private static boolean notExpired(JsonNode claims, long now) {
        return (!claims.has("exp") || now < claims.path("exp").asLong())
                && (!claims.has("nbf") || claims.path("nbf").asLong() <= now)
                && (!claims.has("iat") || claims.path("iat").asLong() <= now);
    }

    private static void invalid(SimExchange exchange, String error, String description) throws IOException {
        OidcHttp.error(exchange, 401, error, description);
    }
}
