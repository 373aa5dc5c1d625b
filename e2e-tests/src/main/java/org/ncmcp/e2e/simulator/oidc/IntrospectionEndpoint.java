package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;

/**
 * {@code POST introspect} (IntrospectionController, RFC 7662). The caller authenticates as a client (Basic, not
 * URL-decoded here unlike the token endpoint, or the body); 401 {@code invalid_client} otherwise. A token is shown
 * only to its own client, or to a client whose id or {@code resource_url} equals the token's resource; everything
 * else, including expired and unknown tokens, is {@code {"active":false}}.
 */
final class IntrospectionEndpoint {

    private final OidcProvider oidc;

    IntrospectionEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("POST", OidcProvider.APP + "/introspect", this::introspect);
    }

    private void introspect(SimExchange exchange) throws IOException {
        OidcHttp.Params params = OidcHttp.Params.of(exchange);
        String[] basic = OidcHttp.basicCredentials(exchange);
        String clientId = basic == null ? params.string("client_id") : basic[0];
        String secret = basic == null ? params.string("client_secret") : basic[1];
        Optional<OidcClient> caller = clientId == null || secret == null ? Optional.empty()
                : oidc.clients.byClientId(clientId).filter(c -> MessageDigest.isEqual(
                        c.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8)));
        if (caller.isEmpty()) {
            OidcHttp.error(exchange, 401, "invalid_client", "Client authentication failed.");
            return;
        }
        String token = params.string("token");
        if (token == null || token.isEmpty()) {
            OidcHttp.error(exchange, 400, "invalid_request", "Token parameter is required.");
            return;
        }
        Optional<Grant> grant = oidc.tokens.byAccessToken(token);
        long expiry = grant.map(g -> g.refreshed + oidc.settings.expireTime()).orElse(0L);
        Optional<OidcClient> owner = grant.flatMap(g -> oidc.clients.byUid(g.clientUid));
        if (grant.isEmpty() || oidc.now() > expiry || oidc.state.user(grant.get().userId).isEmpty() || owner.isEmpty()) {
            inactive(exchange);
            return;
        }
        String resource = grant.get().resource;
        boolean audience = resource != null && !resource.isEmpty() && (resource.equals(caller.get().clientId())
                || resource.equals(caller.get().resourceUrl()));
        if (!audience && !owner.get().clientId().equals(caller.get().clientId())) {
            inactive(exchange);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", grant.get().scope);
        body.put("client_id", owner.get().clientId());
        body.put("username", grant.get().userId);
        body.put("token_type", "Bearer");
        body.put("exp", expiry);
        body.put("iat", grant.get().created);
        body.put("sub", grant.get().userId);
        body.put("aud", owner.get().clientId());
        OidcHttp.json(exchange, 200, body, "POST");
    }

    private static void inactive(SimExchange exchange) throws IOException {
        OidcHttp.json(exchange, 200, Map.of("active", false), null);
    }
}
