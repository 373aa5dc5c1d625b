package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import tools.jackson.databind.JsonNode;

/**
 * Dynamic client registration (DynamicRegistrationController, RFC 7591/7592). Quirks kept: the answer is 201 with
 * {@code token_endpoint_auth_method} forced to {@code client_secret_post} whatever was asked; redirect URIs are
 * stored unchecked; an empty {@code redirect_uris} counts as missing; a signing algorithm other than RS256 becomes
 * HS256; the limit check is {@code > 100}, so a 101st client still registers; the client and its secret expire
 * {@code client_expire_time} (3600 s) after registration. Nextcloud's anonymous rate limit (10 per 60 s) answers
 * 429 with {@code []}; tests can also force 429 for the next N calls.
 */
final class RegistrationEndpoint {

    private static final int RATE_LIMIT = 10;
    private static final long RATE_PERIOD_SECONDS = 60;

    private final OidcProvider oidc;
    private final AtomicInteger forced429 = new AtomicInteger();
    private final Deque<Long> recentRegistrations = new ArrayDeque<>();

    RegistrationEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("POST", OidcProvider.APP + "/register", this::registerClient)
                .on("GET", OidcProvider.APP + "/register/([^/]+)", this::read)
                .on("PUT", OidcProvider.APP + "/register/([^/]+)", this::update)
                .on("DELETE", OidcProvider.APP + "/register/([^/]+)", this::delete);
    }

    void throttleNext(int count) {
        forced429.set(Math.max(0, count));
    }

    int pendingThrottles() {
        return forced429.get();
    }

    private void registerClient(SimExchange exchange) throws IOException {
        if (forced429.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || rateLimited()) {
            tooManyRequests(exchange);
            return;
        }
        OidcHttp.Params params = OidcHttp.Params.of(exchange);
        if (!oidc.settings.dynamicClientRegistration()) {
            OidcHttp.error(exchange, 400, "dynamic_registration_not_allowed", "Dynamic Client Registration is disabled.");
            return;
        }
        JsonNode uris = params.node("redirect_uris");
        // PHP: [] == null, so an empty list gets the "missing" answer too.
        if (uris == null || !uris.isArray() || uris.isEmpty()) {
            OidcHttp.error(exchange, 400, "no_redirect_uris_provided",
                    "Dynamic Client Registration requires redirect_uris to be set.");
            return;
        }
        String applicationType = "native".equals(params.string("application_type")) ? "native" : "web";
        oidc.cleanUpClients();
        if (oidc.clients.dcrCount() > 100) {
            OidcHttp.error(exchange, 400, "max_num_clients_exceeded", "Maximum number of dynamic registered clients exceeded.");
            return;
        }
        String clientName = params.string("client_name");
        String name = clientName == null ? "DCR-127.0.0.1" : truncate(clientName, 64);
        String tokenType = params.string("token_type") == null ? "opaque" : params.string("token_type");
        if (!tokenType.equals("opaque") && !tokenType.equals("jwt")) {
            tokenType = oidc.settings.defaultTokenType();
        }
        String alg = params.string("id_token_signed_response_alg") == null ? "RS256" : params.string("id_token_signed_response_alg");
        String scope = params.string("scope");
        String allowedScopes = "";
        if (scope != null) {
            scope = truncate(scope.trim(), 512);
            if (!scope.matches("[a-zA-Z0-9 _:./-]*")) {
                OidcHttp.error(exchange, 400, "invalid_scope", "Scope contains invalid characters. Allowed: alphanumeric,"
                        + " spaces, underscores, hyphens, colons, periods, and forward slashes.");
                return;
            }
            allowedScopes = scope;
        }
        String resourceUrl = params.string("resource_url");
        if (resourceUrl != null) {
            resourceUrl = resourceUrl.trim();
            if (resourceUrl.length() > 512) {
                OidcHttp.error(exchange, 400, "invalid_resource_url", "Resource URL exceeds maximum length of 512 characters.");
                return;
            }
            if (!resourceUrl.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s/?#]+[^\\s]*")) {
                OidcHttp.error(exchange, 400, "invalid_resource_url", "Resource URL must be a valid URL (RFC 9728).");
                return;
            }
        }
        List<String> responseTypes = new ArrayList<>(List.of("code"));
        List<String> grantTypes = new ArrayList<>(List.of("authorization_code"));
        JsonNode requestedTypes = params.node("response_types");
        String flow = "code";
        if (requestedTypes != null && requestedTypes.isArray() && !contains(requestedTypes, "code") && contains(requestedTypes, "id_token")) {
            flow = "code id_token";
            responseTypes.add("id_token");
            grantTypes.add("implicit");
        }
        List<String> redirectUris = new ArrayList<>();
        uris.forEach(uri -> redirectUris.add(uri.asString()));
        OidcClient client = oidc.clients.add(new ClientSpec(null, null, name, redirectUris, "confidential", tokenType,
                allowedScopes, resourceUrl, alg), true, oidc.now());
        if (!flow.equals(client.flowType())) {
            client = client.withSettings(client.name(), client.signingAlg(), flow, client.allowedScopes());
            oidc.clients.replace(client);
        }
        String registrationToken = oidc.clients.issueRegistrationToken(client.uid());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", client.name());
        body.put("client_id", client.clientId());
        body.put("client_secret", client.secret());
        body.put("registration_access_token", registrationToken);
        body.put("registration_client_uri", clientUri(exchange, client));
        body.put("redirect_uris", uris);
        body.put("token_endpoint_auth_method", "client_secret_post");
        body.put("response_types", responseTypes);
        body.put("grant_types", grantTypes);
        body.put("id_token_signed_response_alg", client.signingAlg());
        body.put("application_type", applicationType);
        body.put("client_id_issued_at", client.issuedAt());
        body.put("client_secret_expires_at", client.issuedAt() + oidc.settings.clientExpireTime());
        body.put("scope", client.allowedScopes());
        body.put("token_type", client.tokenType());
        if (client.resourceUrl() != null) {
            body.put("resource_url", client.resourceUrl());
        }
        OidcHttp.json(exchange, 201, body, "POST");
    }

    private void read(SimExchange exchange) throws IOException {
        Optional<OidcClient> client = authorizeManagement(exchange);
        if (client.isPresent()) {
            OidcHttp.json(exchange, 200, configuration(exchange, client.get(), null), "GET");
        }
    }

    private void update(SimExchange exchange) throws IOException {
        Optional<OidcClient> found = authorizeManagement(exchange);
        if (found.isEmpty()) {
            return;
        }
        OidcHttp.Params params = OidcHttp.Params.of(exchange);
        OidcClient client = found.get();
        String name = params.string("client_name") == null ? client.name() : truncate(params.string("client_name"), 64);
        // Unlike registration, an update stores the algorithm as given (JwtGenerator signs HS256 or else RS256).
        String alg = params.string("id_token_signed_response_alg") == null ? client.signingAlg()
                : params.string("id_token_signed_response_alg");
        String flow = client.flowType();
        JsonNode types = params.node("response_types");
        if (types != null && types.isArray()) {
            flow = contains(types, "code") ? "code" : contains(types, "id_token") ? "code id_token" : flow;
        }
        String scopes = client.allowedScopes();
        String scope = params.string("scope");
        if (scope != null) {
            scope = truncate(scope.trim(), 512);
            if (!scope.matches("[a-zA-Z0-9 _:./-]*")) {
                OidcHttp.error(exchange, 400, "invalid_scope", "Scope contains invalid characters. Allowed: alphanumeric,"
                        + " spaces, underscores, hyphens, colons, periods, and forward slashes.");
                return;
            }
            scopes = scope;
        }
        client = client.withSettings(name, alg, flow, scopes);
        JsonNode uris = params.node("redirect_uris");
        if (uris != null && uris.isArray() && !uris.isEmpty()) {
            List<String> redirectUris = new ArrayList<>();
            uris.forEach(uri -> redirectUris.add(uri.asString()));
            client = client.withRedirectUris(redirectUris);
        }
        oidc.clients.replace(client);
        String token = oidc.clients.rotateRegistrationToken(client.uid(), oidc.now());
        OidcHttp.json(exchange, 200, configuration(exchange, client, token), "PUT");
    }

    private void delete(SimExchange exchange) throws IOException {
        Optional<OidcClient> client = authorizeManagement(exchange);
        if (client.isPresent()) {
            oidc.tokens.deleteGrantsOfClient(client.get().uid());
            oidc.clients.delete(client.get());
            exchange.setHeader("Access-Control-Allow-Origin", "*");
            exchange.setHeader("Access-Control-Allow-Methods", "DELETE");
            exchange.send(204, "application/json; charset=utf-8", null);
        }
    }

    /** RFC 7592 access: the registration access token as Bearer, for this very client, which must be a DCR client. */
    private Optional<OidcClient> authorizeManagement(SimExchange exchange) throws IOException {
        String clientId = exchange.pathGroup(1);
        String authorization = exchange.header("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        Optional<Long> owner = token == null || token.isEmpty() ? Optional.empty()
                : oidc.clients.registrationTokenOwner(token, oidc.now());
        if (owner.isEmpty()) {
            OidcHttp.error(exchange, 401, "invalid_token", "Invalid or missing registration access token.");
            return Optional.empty();
        }
        Optional<OidcClient> client = oidc.clients.byUid(owner.get());
        if (client.isEmpty()) {
            OidcHttp.error(exchange, 401, "invalid_token", "Token does not correspond to a valid client.");
            return Optional.empty();
        }
        if (!client.get().clientId().equals(clientId)) {
            OidcHttp.error(exchange, 403, "unauthorized_client", "Token does not match the requested client.");
            return Optional.empty();
        }
        if (!client.get().dcr()) {
            OidcHttp.error(exchange, 403, "invalid_client", "Only dynamically registered clients can be managed.");
            return Optional.empty();
        }
        return client;
    }

    private Map<String, Object> configuration(SimExchange exchange, OidcClient client, String newToken) {
        List<String> responseTypes = new ArrayList<>(List.of("code"));
        List<String> grantTypes = new ArrayList<>(List.of("authorization_code"));
        if ("code id_token".equals(client.flowType())) {
            responseTypes.add("id_token");
            grantTypes.add("implicit");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", client.clientId());
        body.put("client_secret", client.secret());
        if (newToken != null) {
            body.put("registration_access_token", newToken);
        }
        body.put("registration_client_uri", clientUri(exchange, client));
        body.put("client_name", client.name());
        body.put("redirect_uris", client.redirectUris());
        body.put("token_endpoint_auth_method", "client_secret_post");
        body.put("response_types", responseTypes);
        body.put("grant_types", grantTypes);
        body.put("id_token_signed_response_alg", client.signingAlg());
        body.put("application_type", "web");
        body.put("client_id_issued_at", client.issuedAt());
        body.put("client_secret_expires_at", client.issuedAt() + oidc.settings.clientExpireTime());
        body.put("scope", client.allowedScopes());
        return body;
    }

    private static String clientUri(SimExchange exchange, OidcClient client) {
        return exchange.requestBaseUrl() + "/index.php/apps/oidc/register/" + UserClaims.rawUrlEncode(client.clientId());
    }

    /** Nextcloud's limiter: at most 10 attempts in any 60 s; a refused attempt is not counted. */
    private boolean rateLimited() {
        if (!oidc.settings.anonRateLimit()) {
            return false;
        }
        long now = oidc.now();
        synchronized (recentRegistrations) {
            while (!recentRegistrations.isEmpty() && recentRegistrations.peekFirst() <= now - RATE_PERIOD_SECONDS) {
                recentRegistrations.pollFirst();
            }
            if (recentRegistrations.size() >= RATE_LIMIT) {
                return true;
            }
            recentRegistrations.addLast(now);
            return false;
        }
    }

    /** The rate-limit middleware's answer: a 429 page for browsers, else an empty JSON list; no Retry-After. */
    private static void tooManyRequests(SimExchange exchange) throws IOException {
        String accept = exchange.header("Accept");
        if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("html")) {
            exchange.sendHtml(429, OidcPages.error(429, "Too many requests"));
        } else {
            exchange.sendJson(429, "[]");
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.asString())) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
