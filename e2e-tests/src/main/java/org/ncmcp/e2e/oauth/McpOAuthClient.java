package org.ncmcp.e2e.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an MCP client does against the broker, step by step and without shortcuts: discovery through
 * the protected resource's metadata, dynamic registration, an authorization request with PKCE S256,
 * {@code state} and {@code resource}, the code exchange, and refreshes. Each step returns the raw
 * answer so tests can assert on it.
 */
public final class McpOAuthClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final SecureRandom random = new SecureRandom();

    private final String issuer;
    private final String redirectUri;
    private String clientId;
    private String verifier;
    private String state;

    public McpOAuthClient(String issuer, String redirectUri) {
        this.issuer = issuer;
        this.redirectUri = redirectUri;
    }

    public String clientId() {
        return clientId;
    }

    /** Uses an already known client id (e.g. a Client ID Metadata Document URL) instead of registering. */
    public McpOAuthClient withClientId(String id) {
        this.clientId = id;
        return this;
    }

    /** RFC 7591 registration of a public client; returns the registration response. */
    public JsonNode register(String clientName) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                        "client_name", clientName, "redirect_uris", java.util.List.of(redirectUri),
                        "grant_types", java.util.List.of("authorization_code", "refresh_token"),
                        "response_types", java.util.List.of("code"), "token_endpoint_auth_method", "none"))))
                .build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        clientId = body.get("client_id").asString();
        return body;
    }

    /** A fresh authorization URL with a new PKCE verifier and state. */
    public URI authorizationUrl(String scope, String resource) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        state = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(bytes, 12));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", scope);
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        if (resource != null) {
            query.put("resource", resource);
        }
        return URI.create(issuer + "/oauth2/authorize?" + form(query));
    }

    /** The parameters of the redirect back to the client, after checking {@code state} and {@code iss}. */
    public Map<String, String> callbackParameters(URI callback) {
        Map<String, String> parameters = new LinkedHashMap<>();
        UriComponentsBuilder.fromUri(callback).build().getQueryParams().forEach((k, v) ->
                parameters.put(k, java.net.URLDecoder.decode(v.get(0), StandardCharsets.UTF_8)));
        if (!state.equals(parameters.get("state"))) {
            throw new IllegalStateException("state mismatch in " + callback);
        }
        if (!issuer.equals(parameters.get("iss"))) {
            throw new IllegalStateException("RFC 9207 iss missing or wrong in " + callback);
        }
        return parameters;
    }

    /** Exchanges a code; {@code resource} may be null to leave it out. */
    public HttpResponse<String> exchange(String code, String resource) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("code_verifier", verifier);
        if (resource != null) {
            form.put("resource", resource);
        }
        return token(form);
    }

    public HttpResponse<String> refresh(String refreshToken, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId);
        if (scope != null) {
            form.put("scope", scope);
        }
        return token(form);
    }

    public HttpResponse<String> token(Map<String, String> form) {
        return send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))).build());
    }

    /** Sign in as {@code login} and return the access-token response (JSON). */
    public JsonNode signIn(HeadlessSignIn person, String scope, String resource) {
        URI callback = person.authorize(authorizationUrl(scope, resource), redirectUri);
        Map<String, String> parameters = callbackParameters(callback);
        if (parameters.containsKey("error")) {
            throw new IllegalStateException("authorization failed: " + parameters);
        }
        HttpResponse<String> tokens = exchange(parameters.get("code"), resource);
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("code exchange failed: " + tokens.statusCode() + " " + tokens.body());
        }
        return JSON.readTree(tokens.body());
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> values) {
        StringJoiner out = new StringJoiner("&");
        values.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
