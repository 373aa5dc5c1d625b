package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /__test/oidc/...}: what an administrator (or a person in the browser) would do, for tests in another
 * process. Only served with test hooks on.
 *
 * <ul>
 *   <li>{@code POST /__test/oidc/clients} {@code {"client_id","client_secret","redirect_uris":[…],"name","type",
 *       "token_type","allowed_scopes","resource_url","signing_alg"}} → 201 {@code {client_id, client_secret, …}}
 *       (omitted id and secret are generated), 400 {@code {"message"}} for what the app refuses;</li>
 *   <li>{@code POST /__test/oidc/registrations/throttle?count=N}: the next N registrations answer 429;</li>
 *   <li>{@code PUT /__test/oidc/settings} with any of {@code dynamic_client_registration, anon_rate_limit,
 *       provide_refresh_token_always, always_include_scope_claims} (booleans), {@code expire_time,
 *       refresh_expire_time, client_expire_time} (seconds), {@code default_token_type},
 *       {@code well_known} ({@code nginx|apache|none});</li>
 *   <li>{@code DELETE /__test/oidc/consents/{userId}/{clientId}}: the user revokes the client;</li>
 *   <li>{@code POST /__test/oidc/logout-redirect-uris} {@code {"uri"}}.</li>
 * </ul>
 */
final class OidcTestHooks {

    private final OidcProvider oidc;

    OidcTestHooks(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("POST", "/__test/oidc/clients", this::addClient)
                .on("POST", "/__test/oidc/registrations/throttle", this::throttle)
                .on("PUT", "/__test/oidc/settings", this::settings)
                .on("DELETE", "/__test/oidc/consents/([^/]+)/([^/]+)", this::revokeConsent)
                .on("POST", "/__test/oidc/logout-redirect-uris", this::addLogoutRedirectUri);
    }

    private void addClient(SimExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        if (body == null) {
            return;
        }
        List<String> uris = new ArrayList<>();
        body.path("redirect_uris").forEach(uri -> uris.add(uri.asString()));
        OidcClient client;
        try {
            client = oidc.addClient(new ClientSpec(text(body, "client_id"), text(body, "client_secret"), text(body, "name"),
                    uris, text(body, "type"), text(body, "token_type"), text(body, "allowed_scopes"),
                    text(body, "resource_url"), text(body, "signing_alg")));
        } catch (IllegalArgumentException refused) {
            message(exchange, 400, refused.getMessage());
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("client_id", client.clientId());
        answer.put("client_secret", client.secret());
        answer.put("redirect_uris", client.redirectUris());
        answer.put("type", client.type());
        answer.put("token_type", client.tokenType());
        answer.put("issuer", exchange.requestBaseUrl());
        exchange.sendJson(201, OidcHttp.JSON.writeValueAsString(answer));
    }

    private void throttle(SimExchange exchange) throws IOException {
        int count;
        try {
            count = Integer.parseInt(String.valueOf(exchange.query("count")));
        } catch (NumberFormatException missing) {
            message(exchange, 400, "count must be a number");
            return;
        }
        oidc.throttleNextRegistrations(count);
        exchange.sendJson(200, "{\"throttled\":" + oidc.pendingRegistrationThrottles() + "}");
    }

    private void settings(SimExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        if (body == null) {
            return;
        }
        OidcSettings settings = oidc.settings();
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            JsonNode value = entry.getValue();
            switch (entry.getKey()) {
                case "dynamic_client_registration" -> settings.dynamicClientRegistration(value.asBoolean());
                case "anon_rate_limit" -> settings.anonRateLimit(value.asBoolean());
                case "provide_refresh_token_always" -> settings.provideRefreshTokenAlways(value.asBoolean());
                case "always_include_scope_claims" -> settings.alwaysIncludeScopeClaims(value.asBoolean());
                case "expire_time" -> settings.expireTime(value.asLong());
                case "refresh_expire_time" -> settings.refreshExpireTime(value.asLong());
                case "client_expire_time" -> settings.clientExpireTime(value.asLong());
                case "default_token_type" -> settings.defaultTokenType(value.asString());
                case "well_known" -> settings.wellKnown(switch (value.asString()) {
                    case "apache" -> OidcSettings.WellKnown.APACHE_REWRITE;
                    case "none" -> OidcSettings.WellKnown.NOT_CONFIGURED;
                    default -> OidcSettings.WellKnown.NGINX_REDIRECT;
                });
                default -> {
                    message(exchange, 400, "unknown setting " + entry.getKey());
                    return;
                }
            }
        }
        exchange.sendJson(200, "{\"updated\":true}");
    }

    private void revokeConsent(SimExchange exchange) throws IOException {
        boolean revoked = oidc.revokeConsent(exchange.pathGroup(1), exchange.pathGroup(2));
        exchange.sendJson(revoked ? 200 : 404, "{\"revoked\":" + revoked + "}");
    }

    private void addLogoutRedirectUri(SimExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        if (body != null) {
            oidc.addLogoutRedirectUri(body.path("uri").asString());
            exchange.sendJson(200, "{\"added\":true}");
        }
    }

    private static JsonNode body(SimExchange exchange) throws IOException {
        try {
            JsonNode body = OidcHttp.JSON.readTree(exchange.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (JacksonException malformed) {
            // answered below
        }
        message(exchange, 400, "expected a JSON object");
        return null;
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static void message(SimExchange exchange, int status, String message) throws IOException {
        exchange.sendJson(status, OidcHttp.JSON.writeValueAsString(Map.of("message", message)));
    }
}
