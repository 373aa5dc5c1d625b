package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;

/**
 * Discovery (DiscoveryGenerator) and JWKS. The issuer is the request's protocol and host (plus the webroot, empty
 * here) <em>without</em> {@code /index.php}, while every endpoint lives under {@code /index.php/apps/oidc/}; so
 * {@code <issuer>/.well-known/openid-configuration} only works through the web server (see
 * {@link OidcSettings.WellKnown}). The document is also at {@code /index.php/.well-known/openid-configuration} and
 * {@code /index.php/apps/oidc/openid-configuration}.
 */
final class DiscoveryEndpoint {

    private static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "roles", "groups", "offline_access");
    private static final List<String> CLAIMS = List.of("iss", "sub", "aud", "exp", "auth_time", "iat", "acr", "azp",
            "preferred_username", "scope", "nbf", "jti", "roles", "groups", "name", "given_name", "family_name",
            "middle_name", "updated_at", "website", "email", "email_verified", "website", "phone_number", "address",
            "picture", "quota");

    private final OidcProvider oidc;

    DiscoveryEndpoint(OidcProvider oidc) {
        this.oidc = oidc;
    }

    void register(Router router) {
        router.on("GET", OidcProvider.APP + "/openid-configuration", this::discovery)
                .on("GET", "/index\\.php/\\.well-known/openid-configuration", this::discovery)
                .on("GET", "/\\.well-known/openid-configuration", this::webServerWellKnown)
                .on("GET", OidcProvider.APP + "/jwks", exchange -> OidcHttp.json(exchange, 200, oidc.signer.jwks(), "GET"));
    }

    private void webServerWellKnown(SimExchange exchange) throws IOException {
        switch (oidc.settings.wellKnown()) {
            case APACHE_REWRITE -> discovery(exchange);
            case NGINX_REDIRECT -> {
                exchange.setHeader("Location", "/index.php/.well-known/openid-configuration");
                exchange.send(301, "text/html", ("<html><head><title>301 Moved Permanently</title></head><body><center>"
                        + "<h1>301 Moved Permanently</h1></center><hr><center>nginx</center></body></html>").getBytes());
            }
            case NOT_CONFIGURED -> exchange.sendHtml(404, OidcPages.error(404, "Page not found"));
        }
    }

    private void discovery(SimExchange exchange) throws IOException {
        String host = exchange.requestBaseUrl();
        String app = host + "/index.php/apps/oidc/";
        Set<String> scopes = new LinkedHashSet<>(DEFAULT_SCOPES);
        scopes.addAll(oidc.clients.aggregatedScopes());
        List<String> authMethods = oidc.settings.disableClientSecretBasic() ? List.of("client_secret_post")
                : List.of("client_secret_post", "client_secret_basic");

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", host);
        doc.put("authorization_endpoint", app + "authorize");
        doc.put("token_endpoint", app + "token");
        doc.put("userinfo_endpoint", app + "userinfo");
        doc.put("jwks_uri", app + "jwks");
        doc.put("scopes_supported", scopes);
        doc.put("response_types_supported", List.of("code", "code id_token", "id_token"));
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("grant_types_supported", List.of("authorization_code", "implicit", "refresh_token"));
        doc.put("acr_values_supported", List.of("0"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256"));
        doc.put("token_endpoint_auth_methods_supported", authMethods);
        doc.put("display_values_supported", List.of("page"));
        doc.put("claim_types_supported", List.of("normal"));
        doc.put("claims_supported", CLAIMS);
        doc.put("claims_parameter_supported", true);
        doc.put("request_parameter_supported", false);
        doc.put("request_uri_parameter_supported", false);
        doc.put("end_session_endpoint", app + "logout");
        if (oidc.settings.dynamicClientRegistration()) {
            doc.put("registration_endpoint", app + "register");
        }
        doc.put("introspection_endpoint", app + "introspect");
        doc.put("introspection_endpoint_auth_methods_supported", authMethods);
        doc.put("code_challenge_methods_supported", List.of("S256", "plain"));
        OidcHttp.json(exchange, 200, doc, "GET");
    }
}
