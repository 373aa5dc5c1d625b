package org.ncmcp.e2e.simulator.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncmcp.e2e.simulator.NextcloudSimulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The relying party's side of the flows, written from RFC 6749/7636 and OIDC Core, not from the simulator. */
final class OidcSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_ID = "nextcloud-mcp-auth-broker-test-client";
    static final String CLIENT_SECRET = "s3cret+with/odd=characters-0123456789";
    static final String BROKER_CALLBACK = "http://127.0.0.1:54321/login/oauth2/code/upstream";
    static final String SCOPE = "openid profile email offline_access";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OidcSupport() {
    }

    /** An RFC 7636 verifier (43 characters) and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce create() {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String authorizePath(String clientId, String redirectUri, String scope, String state, String nonce, Pkce pkce,
            Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("scope", scope);
        params.put("state", state);
        params.put("redirect_uri", redirectUri);
        params.put("nonce", nonce);
        if (pkce != null) {
            params.put("code_challenge", pkce.challenge());
            params.put("code_challenge_method", "S256");
        }
        params.putAll(extra);
        return "/index.php/apps/oidc/authorize?" + Browser.form(params);
    }

    /**
     * A person's way through: authorize → login page → (login) → redirect page → authorize → back to the client.
     * A browser that is logged in already goes straight back.
     *
     * @return the URL the browser is finally sent to (the client's redirect URI with code or error)
     */
    static String logIn(Browser browser, String authorizePath, String login, String password) throws Exception {
        HttpResponse<String> authorize = browser.get(authorizePath);
        assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(303);
        String loginPage = Browser.location(authorize);
        if (!loginPage.startsWith("/index.php/login")) {
            return loginPage;
        }
        assertThat(loginPage).startsWith("/index.php/login?redirect_url=/index.php/apps/oidc/redirect?");
        HttpResponse<String> form = browser.get(loginPage);
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> posted = browser.postForm("/index.php/login", Map.of("user", login, "password", password,
                "requesttoken", Browser.hiddenInput(form.body(), "requesttoken"),
                "redirect_url", Browser.hiddenInput(form.body(), "redirect_url")));
        assertThat(posted.statusCode()).isEqualTo(303);
        return continueAfterLogin(browser, Browser.location(posted));
    }

    /** From the redirect page on, as the page's script would go. */
    static String continueAfterLogin(Browser browser, String redirectPage) throws Exception {
        HttpResponse<String> page = browser.get(redirectPage);
        assertThat(page.statusCode()).as("redirect page " + redirectPage).isEqualTo(200);
        HttpResponse<String> authorized = browser.get(Browser.getFormTarget(page.body(), "oidc-continue"));
        assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(303);
        return Browser.location(authorized);
    }

    static HttpResponse<String> tokenRequest(NextcloudSimulator simulator, Map<String, String> form, String basicId,
            String basicSecret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.baseUri().resolve("/index.php/apps/oidc/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Browser.form(form)));
        if (basicId != null) {
            request.header("Authorization", basic(basicId, basicSecret));
        }
        return Browser.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 6749 §2.3.1: id and secret form-encoded, then Base64 (as Spring Security sends client_secret_basic). */
    static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> userinfo(NextcloudSimulator simulator, String accessToken) throws Exception {
        return Browser.HTTP.send(HttpRequest.newBuilder(simulator.baseUri().resolve("/index.php/apps/oidc/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Verifies a compact JWS against the simulator's JWKS with Nimbus; returns header and claims. */
    static JWSObject verified(NextcloudSimulator simulator, String compact) throws Exception {
        HttpResponse<String> jwks = Browser.HTTP.send(HttpRequest.newBuilder(
                simulator.baseUri().resolve("/index.php/apps/oidc/jwks")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        JWSObject jws = JWSObject.parse(compact);
        RSAKey key = JWKSet.parse(jwks.body()).getKeyByKeyId(jws.getHeader().getKeyID()).toRSAKey();
        assertThat(jws.verify(new RSASSAVerifier(key))).as("signature verifies against the JWKS").isTrue();
        return jws;
    }

    static JsonNode claims(JWSObject jws) {
        return JSON.readTree(jws.getPayload().toString());
    }
}
