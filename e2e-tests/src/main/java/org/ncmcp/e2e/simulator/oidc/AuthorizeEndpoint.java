package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import tools.jackson.databind.JsonNode;

/**
 * {@code authorize} and the {@code redirect} page (LoginRedirectorController, PageController). Without a Nextcloud
 * session the request is parked in the session and the browser goes to the login page, <em>before</em> the client
 * or redirect URI is checked; after login the redirect page's script comes back here. Consent is granted
 * automatically ({@code allow_user_settings = no}, the default). Errors about the client or redirect URI are HTML
 * pages (403/400); everything later is an error redirect to the client.
 */
final class AuthorizeEndpoint {

    static final String DEFAULT_SCOPE = "openid profile email roles";
    /** The parameters carried across the login, in the order the app lists them. */
    static final List<String> PARAMETERS = List.of("client_id", "state", "response_type", "redirect_uri", "scope", "nonce",
            "resource", "code_challenge", "code_challenge_method", "prompt", "max_age", "response_mode", "claims");
    private static final String NOT_AUTHORIZED = "Your client is not authorized to connect. Please inform the administrator of your client.";
    private static final String REDIRECT_NOT_ACCEPTED = "The received redirect URI is not accepted to connect. Please inform the administrator of your client.";

    private final OidcProvider oidc;

    AuthorizeEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("GET", OidcProvider.APP + "/authorize", this::authorize)
                .on("POST", OidcProvider.APP + "/authorize", this::authorize)
                .on("GET", OidcProvider.APP + "/redirect", this::redirectPage);
    }

    private void authorize(SimExchange exchange) throws IOException {
        OidcHttp.Params params = OidcHttp.Params.of(exchange);
        Map<String, String> req = new LinkedHashMap<>();
        PARAMETERS.forEach(name -> req.put(name, params.string(name)));
        if (params.present("request") != null || params.present("request_uri") != null) {
            rejectRequestObject(exchange, params, req);
            return;
        }
        WebSessions.Session session = oidc.sessions.find(exchange);
        if (session == null || !session.loggedIn()) {
            if (promptContains(req.get("prompt"), "none")) {
                OidcClient client = loadClient(exchange, req.get("client_id"));
                if (client != null && redirectUriAccepted(exchange, client, req.get("redirect_uri"))) {
                    errorRedirect(exchange, req, "login_required", "User is not logged in.", true);
                }
                return;
            }
            redirectToLogin(exchange, req);
            return;
        }

        String userId;
        boolean loginPending;
        long authTime;
        long now = oidc.now();
        synchronized (session) {
            if (blank(req.get("client_id"))) {
                PARAMETERS.forEach(name -> req.put(name, session.oidc.get(name)));
            }
            userId = session.userId;
            loginPending = session.oidcLoginPending;
            if (loginPending || session.oidcAuthTime == null || session.oidcAuthTime <= 0) {
                session.oidcAuthTime = now;
            }
            authTime = session.oidcAuthTime;
            session.oidcLoginPending = false;
        }
        if (blank(req.get("redirect_uri"))) {
            exchange.sendHtml(400, OidcPages.error(400, "Authorization session expired. Please try again."));
            return;
        }
        String scope = req.get("scope") == null ? DEFAULT_SCOPE : req.get("scope");
        OidcClient client = loadClient(exchange, req.get("client_id"));
        if (client == null) {
            return;
        }
        String resource = req.get("resource");
        if (blank(resource)) {
            resource = blank(client.resourceUrl()) ? null : client.resourceUrl();
        }
        scope = filterScopes(scope, client.allowedScopes());
        if (!redirectUriAccepted(exchange, client, req.get("redirect_uri"))) {
            return;
        }
        ClaimsRequest claims;
        try {
            claims = ClaimsRequest.parse(req.get("claims"));
        } catch (IllegalArgumentException invalid) {
            errorRedirect(exchange, req, "invalid_request", "Invalid claims parameter.", true);
            return;
        }
        if (blank(req.get("response_type"))) {
            errorRedirect(exchange, req, "unsupported_response_type", "Missing response_type", true);
            return;
        }
        List<String> responseTypes = responseTypes(req.get("response_type"));
        String responseMode = responseMode(req.get("response_mode"));
        boolean codeFlow = responseTypes.contains("code");
        boolean implicitFlow = responseTypes.contains("token") || responseTypes.contains("id_token");
        if (!supportedMode(responseMode, responseTypes)) {
            errorRedirect(exchange, req, "unsupported_response_mode", "Unsupported response_mode", false);
            return;
        }
        if (responseTypes.contains("id_token") && blank(req.get("nonce"))) {
            errorRedirect(exchange, req, "invalid_request", "Missing nonce", true);
            return;
        }
        if (responseTypes.contains("token") && !responseTypes.contains("id_token")) {
            errorRedirect(exchange, req, "request_not_supported", "Missing id_token", true);
            return;
        }
        boolean implicitAllowed = Arrays.asList(client.flowType().trim().toLowerCase(Locale.ROOT).split(" ")).contains("id_token");
        if ((implicitFlow && !implicitAllowed) || (!codeFlow && !implicitFlow)) {
            errorRedirect(exchange, req, "unsupported_response_type", "Unsupported response_type", true);
            return;
        }
        if (promptContains(req.get("prompt"), "login") && !loginPending) {
            session.logout();
            redirectToLogin(exchange, req);
            return;
        }
        if (maxAgeExceeded(req.get("max_age"), authTime, now)) {
            if (promptContains(req.get("prompt"), "none")) {
                errorRedirect(exchange, req, "login_required", "User authentication is too old.", true);
            } else {
                session.logout();
                redirectToLogin(exchange, req);
            }
            return;
        }
        oidc.tokens.recordConsent(userId, client.uid(), scope);

        String challenge = req.get("code_challenge");
        String method = req.get("code_challenge_method");
        if (!blank(challenge)) {
            if (!challenge.matches("[A-Za-z0-9._~-]{43,128}")) {
                errorRedirect(exchange, req, "invalid_request", "Invalid code_challenge format", true);
                return;
            }
            method = blank(method) ? "S256" : method;
            if (!method.equals("S256") && !method.equals("plain")) {
                errorRedirect(exchange, req, "invalid_request", "Unsupported code_challenge_method", true);
                return;
            }
        } else {
            challenge = null;
            method = null;
        }

        String code = SimulatorState.randomToken(128);
        String nonce = blank(req.get("nonce")) ? "" : truncate(req.get("nonce"), 256);
        Grant grant = new Grant(oidc.tokens.nextGrantId(), client.uid(), userId, truncate(scope, 512),
                resource == null ? null : truncate(resource, 2000), authTime, nonce, challenge, method, claims);
        String issuer = exchange.requestBaseUrl();
        oidc.tokens.insert(grant, code, oidc.factory.accessToken(grant, client, issuer, now), now, codeFlow);

        Map<String, String> response = new LinkedHashMap<>();
        response.put("state", req.get("state") == null ? "" : req.get("state"));
        if (codeFlow) {
            response.put("code", code);
        }
        Grant issued = oidc.tokens.byCode(code).orElse(grant);
        if (responseTypes.contains("token")) {
            response.put("access_token", issued.accessToken);
            response.put("token_type", "Bearer");
            response.put("expires_in", String.valueOf(oidc.settings.expireTime()));
            response.put("scope", grant.scope);
        }
        if (responseTypes.contains("id_token")) {
            response.put("id_token", oidc.factory.idToken(grant, client, issuer, now, !codeFlow,
                    responseTypes.contains("token") ? issued.accessToken : null, codeFlow ? code : null));
        }
        if ("form_post".equals(responseMode)) {
            exchange.sendHtml(200, OidcPages.formPost(req.get("redirect_uri"), response));
        } else {
            exchange.redirect(appendParameters(req.get("redirect_uri"), response,
                    usesFragment(responseTypes, responseMode)));
        }
    }

    /** The app's {@code /redirect} page, reached after login: needs a session, then hands over to authorize. */
    private void redirectPage(SimExchange exchange) throws IOException {
        WebSessions.Session session = oidc.sessions.find(exchange);
        if (session == null || !session.loggedIn()) {
            Map<String, String> query = new LinkedHashMap<>();
            PARAMETERS.forEach(name -> {
                if (exchange.query(name) != null) {
                    query.put(name, exchange.query(name));
                }
            });
            String self = exchange.path() + (query.isEmpty() ? "" : "?" + OidcHttp.routeQuery(query));
            exchange.redirect("/index.php/login?" + OidcHttp.routeQuery(Map.of("redirect_url", self)));
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean fromUrl = exchange.query("client_id") != null && !exchange.query("client_id").isEmpty();
        synchronized (session) {
            for (String name : PARAMETERS) {
                String value = fromUrl ? exchange.query(name) : session.oidc.get(name);
                if (value != null && !value.isEmpty()) {
                    values.put(name, value);
                }
            }
        }
        exchange.setHeader("Access-Control-Allow-Origin", "*");
        exchange.setHeader("Access-Control-Allow-Methods", "GET");
        exchange.sendHtml(200, OidcPages.redirect(values));
    }

    /** Parks the request in the session and sends the browser to Nextcloud's login page. */
    private void redirectToLogin(SimExchange exchange, Map<String, String> req) throws IOException {
        WebSessions.Session session = oidc.sessions.findOrStart(exchange);
        Map<String, String> present = new LinkedHashMap<>();
        synchronized (session) {
            session.oidc.clear();
            session.oidc.putAll(req);
            session.oidcLoginPending = true;
        }
        req.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                present.put(name, value);
            }
        });
        String afterLogin = "/index.php/apps/oidc/redirect" + (present.isEmpty() ? "" : "?" + OidcHttp.routeQuery(present));
        exchange.redirect("/index.php/login?" + OidcHttp.routeQuery(Map.of("redirect_url", afterLogin)));
    }

    /** {@code request} and {@code request_uri} are not supported; said to the client once it is known to be real. */
    private void rejectRequestObject(SimExchange exchange, OidcHttp.Params params, Map<String, String> req) throws IOException {
        String requestObject = params.present("request");
        if (blank(req.get("state")) && requestObject != null) {
            req.put("state", unsignedClaim(requestObject, "state", req.get("state")));
        }
        if (blank(req.get("response_mode")) && requestObject != null) {
            req.put("response_mode", unsignedClaim(requestObject, "response_mode", req.get("response_mode")));
        }
        if (blank(req.get("redirect_uri"))) {
            exchange.sendHtml(400, OidcPages.error(400, "Authorization request is missing a redirect URI."));
            return;
        }
        OidcClient client = loadClient(exchange, req.get("client_id"));
        if (client == null || !redirectUriAccepted(exchange, client, req.get("redirect_uri"))) {
            return;
        }
        if (requestObject != null) {
            errorRedirect(exchange, req, "request_not_supported", "Request object parameter is not supported.", true);
        } else {
            errorRedirect(exchange, req, "request_uri_not_supported", "Request URI parameter is not supported.", true);
        }
    }

    private static String unsignedClaim(String jwt, String claim, String fallback) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return fallback;
        }
        try {
            JsonNode payload = OidcHttp.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode value = payload.path(claim);
            return value.isString() && !value.asString().isBlank() ? value.asString().trim() : fallback;
        } catch (RuntimeException malformed) {
            return fallback;
        }
    }

    /** The client, after removing expired DCR clients; null once an error page has been sent. */
    private OidcClient loadClient(SimExchange exchange, String clientId) throws IOException {
        if (blank(clientId)) {
            exchange.sendHtml(403, OidcPages.error(403, NOT_AUTHORIZED));
            return null;
        }
        oidc.cleanUpClients();
        OidcClient client = oidc.clients.byClientId(clientId).orElse(null);
        if (client == null) {
            exchange.sendHtml(403, OidcPages.error(403, NOT_AUTHORIZED));
            return null;
        }
        if (ClientRegistry.expired(client, oidc.now(), oidc.settings.clientExpireTime())) {
            exchange.sendHtml(400, OidcPages.error(400, "Your client is expired. Please inform the administrator of your client."));
            return null;
        }
        return client;
    }

    private static boolean redirectUriAccepted(SimExchange exchange, OidcClient client, String redirectUri) throws IOException {
        if (!blank(redirectUri) && client.redirectUris().stream().anyMatch(p -> RedirectUris.matches(redirectUri, p))) {
            return true;
        }
        exchange.sendHtml(403, OidcPages.error(403, REDIRECT_NOT_ACCEPTED));
        return false;
    }

    /** An error for the client: {@code error}, {@code error_description}, {@code state} to its redirect URI. */
    private static void errorRedirect(SimExchange exchange, Map<String, String> req, String error, String description,
            boolean keepResponseMode) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        if (!blank(req.get("state"))) {
            params.put("state", req.get("state"));
        }
        String mode = keepResponseMode ? responseMode(req.get("response_mode")) : null;
        if ("form_post".equals(mode)) {
            exchange.sendHtml(200, OidcPages.formPost(req.get("redirect_uri"), params));
            return;
        }
        exchange.redirect(appendParameters(req.get("redirect_uri"), params, usesFragment(responseTypes(req.get("response_type")), mode)));
    }

    /** Requested scopes that the client allows (all when it allows any), lower-cased; none left means the default. */
    static String filterScopes(String requested, String allowed) {
        Set<String> allowedSet = words(allowed);
        String kept = words(requested).stream().filter(s -> allowedSet.isEmpty() || allowedSet.contains(s))
                .collect(Collectors.joining(" "));
        return kept.isEmpty() ? DEFAULT_SCOPE : kept;
    }

    private static Set<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : (text == null ? "" : text).trim().toLowerCase(Locale.ROOT).split(" ")) {
            if (!word.isBlank()) {
                words.add(word.trim());
            }
        }
        return words;
    }

    private static List<String> responseTypes(String responseType) {
        if (responseType == null || responseType.isBlank()) {
            return List.of();
        }
        return List.of(responseType.trim().toLowerCase(Locale.ROOT).split("\\s+"));
    }

    private static String responseMode(String mode) {
        if (mode == null) {
            return null;
        }
        String normalised = mode.trim().toLowerCase(Locale.ROOT);
        return normalised.isEmpty() || normalised.equals("default") ? null : normalised;
    }

    private static boolean supportedMode(String mode, List<String> responseTypes) {
        if (mode == null || mode.equals("fragment") || mode.equals("form_post")) {
            return true;
        }
        return mode.equals("query") && !responseTypes.contains("id_token") && !responseTypes.contains("token");
    }

    private static boolean usesFragment(List<String> responseTypes, String mode) {
        if ("fragment".equals(mode)) {
            return true;
        }
        if ("form_post".equals(mode)) {
            return false;
        }
        return responseTypes.contains("id_token") || responseTypes.contains("token");
    }

    private static boolean promptContains(String prompt, String wanted) {
        return prompt != null && Arrays.asList(prompt.trim().toLowerCase(Locale.ROOT).split(" ")).contains(wanted);
    }

    private static boolean maxAgeExceeded(String maxAge, long authTime, long now) {
        return maxAge != null && maxAge.trim().matches("\\d+") && now > authTime + Long.parseLong(maxAge.trim());
    }

    /** http_build_query with RFC 3986 encoding, joined with the app's separator rules. */
    static String appendParameters(String uri, Map<String, String> params, boolean fragment) {
        String query = params.entrySet().stream()
                .map(e -> UserClaims.rawUrlEncode(e.getKey()) + "=" + UserClaims.rawUrlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        if (query.isEmpty()) {
            return uri;
        }
        char mark = fragment ? '#' : '?';
        String separator = uri.indexOf(mark) >= 0 ? "&" : String.valueOf(mark);
        if (uri.endsWith(String.valueOf(mark)) || uri.endsWith("&")) {
            separator = "";
        }
        return uri + separator + query;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
