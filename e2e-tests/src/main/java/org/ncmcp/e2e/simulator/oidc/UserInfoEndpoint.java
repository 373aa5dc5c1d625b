package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;

/**
 * {@code userinfo} (UserInfoController), GET or POST, bearer in the header or {@code access_token} in a POST body.
 * Failures are 400 JSON, not 401 with {@code WWW-Authenticate}. An access token stays usable until
 * {@code refreshed + expire_time}, and the token endpoint sets {@code refreshed} to its own expiry: so for
 * 1800 s, although {@code expires_in} and the JWT's {@code exp} say 900. A refresh kills the previous access token.
 */
final class UserInfoEndpoint {

    private static final Pattern BEARER = Pattern.compile("Bearer\\s+(\\S+)");
    private static final String METHODS = "GET, POST";

    private final OidcProvider oidc;

    UserInfoEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("GET", OidcProvider.APP + "/userinfo", this::userinfo)
                .on("POST", OidcProvider.APP + "/userinfo", this::userinfo);
    }

    private void userinfo(SimExchange exchange) throws IOException {
        String token = null;
        String authorization = exchange.header("Authorization");
        if (authorization != null) {
            Matcher bearer = BEARER.matcher(authorization.trim());
            if (bearer.find()) {
                token = bearer.group(1);
            }
        }
        if (token == null && "POST".equals(exchange.method())) {
            String fromBody = OidcHttp.Params.of(exchange).string("access_token");
            token = fromBody == null || fromBody.isBlank() ? null : fromBody.trim();
        }
        if (token == null) {
            OidcHttp.error(exchange, 400, "invalid_request", "No bearer token found in request.");
            return;
        }
        Optional<Grant> grant = oidc.tokens.byAccessToken(token);
        if (grant.isEmpty()) {
            OidcHttp.error(exchange, 400, "invalid_request", "Could not find provided bearer token.");
            return;
        }
        Optional<OidcClient> client = oidc.clients.byUid(grant.get().clientUid);
        if (client.isEmpty()) {
            OidcHttp.error(exchange, 400, "invalid_request", "Could not find client for access token.");
            return;
        }
        long now = oidc.now();
        if (ClientRegistry.expired(client.get(), now, oidc.settings.clientExpireTime())) {
            OidcHttp.error(exchange, 400, "expired_client", "Client expired.");
            return;
        }
        if (now > grant.get().refreshed + oidc.settings.expireTime()) {
            oidc.tokens.delete(grant.get());
            OidcHttp.error(exchange, 400, "invalid_grant", "Access token already expired.");
            return;
        }
        OidcHttp.json(exchange, 200, oidc.factory.userinfo(grant.get(), exchange.requestBaseUrl()), METHODS);
    }
}
