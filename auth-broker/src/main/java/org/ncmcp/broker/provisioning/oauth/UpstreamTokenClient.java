package org.ncmcp.broker.provisioning.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ncmcp.broker.login.UpstreamClientRegistrations;
import org.ncmcp.broker.login.UpstreamProperties;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker as a confidential client of the upstream IdP, outside the sign-in: the code exchange of the
 * {@code oauth-refresh} flow, refresh grants, RFC 8693 token exchange and RFC 7009 revocation. Endpoints come from the
 * IdP's discovery document (the same registration the sign-in uses); the client authenticates with
 * {@code client_secret_basic}.
 */
@Component
public class UpstreamTokenClient {

    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final UpstreamClientRegistrations registrations;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private volatile JwtDecoder idTokenDecoder;

    public UpstreamTokenClient(UpstreamClientRegistrations registrations, Clock clock) {
        this.registrations = registrations;
        this.clock = clock;
    }

    ClientRegistration registration() {
        return registrations.findByRegistrationId(UpstreamProperties.REGISTRATION_ID);
    }

    /** The IdP's authorization endpoint with these query parameters. */
    URI authorizationRequest(Map<String, String> query) {
        return URI.create(registration().getProviderDetails().getAuthorizationUri() + "?" + form(query));
    }

    IssuedTokens redeemCode(String code, String redirectUri, String codeVerifier) {
        return token("code exchange", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
                redirectUri, "code_verifier", codeVerifier));
    }

    IssuedTokens refresh(String refreshToken) {
        return token("refresh", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** RFC 8693: {@code subjectToken} (an access token of the person) for one with {@code audience}. */
    IssuedTokens exchange(String subjectToken, String audience, String scope) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("grant_type", TOKEN_EXCHANGE);
        request.put("subject_token", subjectToken);
        request.put("subject_token_type", ACCESS_TOKEN_TYPE);
        request.put("requested_token_type", ACCESS_TOKEN_TYPE);
        request.put("audience", audience);
        if (scope != null && !scope.isBlank()) {
            request.put("scope", scope);
        }
        return token("token exchange", request);
    }

    /** RFC 7009, when the IdP advertises a {@code revocation_endpoint}. @return false when it does not */
    boolean revoke(String token, String tokenTypeHint) {
        Object endpoint = registration().getProviderDetails().getConfigurationMetadata().get("revocation_endpoint");
        if (endpoint == null) {
            return false;
        }
        HttpResponse<String> response = post("revocation", URI.create(endpoint.toString()),
                Map.of("token", token, "token_type_hint", tokenTypeHint));
        if (response.statusCode() != 200) {
            throw failure("revocation", response);
        }
        return true;
    }

    /**
     * The claims of an ID token the IdP just issued to the broker: signature (the IdP's JWKS), issuer, expiry and
     * audience (the broker's client id) checked.
     */
    Map<String, Object> verifiedIdTokenClaims(String idToken) {
        ClientRegistration registration = registration();
        try {
            Jwt jwt = idTokenDecoder(registration).decode(idToken);
            if (!jwt.getAudience().contains(registration.getClientId())) {
                throw new IllegalStateException("The ID token from the sign-in service is not for this broker (aud "
                        + jwt.getAudience() + ")");
            }
            return jwt.getClaims();
        } catch (JwtException invalid) {
            throw new IllegalStateException("The ID token from the sign-in service could not be verified: "
                    + invalid.getMessage(), invalid);
        }
    }

    /** The userinfo claims for an access token, when the IdP sent no ID token. */
    Map<String, Object> userInfo(String accessToken) {
        String endpoint = registration().getProviderDetails().getUserInfoEndpoint().getUri();
        if (endpoint == null || endpoint.isBlank()) {
            return Map.of();
        }
        HttpResponse<String> response = send("userinfo", HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET());
        if (response.statusCode() != 200) {
            throw failure("userinfo", response);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = JSON.convertValue(parse("userinfo", response), Map.class);
        return claims;
    }

    private IssuedTokens token(String what, Map<String, String> request) {
        Instant asked = clock.instant();
        HttpResponse<String> response = post(what, URI.create(registration().getProviderDetails().getTokenUri()),
                request);
        if (response.statusCode() != 200) {
            throw failure(what, response);
        }
        JsonNode body = parse(what, response);
        String accessToken = text(body, "access_token");
        if (accessToken == null) {
            throw new IdentityProviderException("The sign-in service's " + what + " answer has no access_token", 200,
                    null, null, null);
        }
        // counted from when the request was sent: the token cannot live longer than that
        long expiresIn = body.path("expires_in").asLong(300);
        return new IssuedTokens(accessToken, asked.plusSeconds(expiresIn), text(body, "refresh_token"),
                text(body, "id_token"));
    }

    private HttpResponse<String> post(String what, URI endpoint, Map<String, String> request) {
        ClientRegistration registration = registration();
        String credentials = URLEncoder.encode(registration.getClientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(registration.getClientSecret(), StandardCharsets.UTF_8);
        return send(what, HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(request))));
    }

    private HttpResponse<String> send(String what, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new IdentityProviderException("The sign-in service could not be reached for the " + what + ": "
                    + unreachable.getClass().getSimpleName(), 0, null, null, unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderException("Interrupted during the " + what + " at the sign-in service", 0, null,
                    null, interrupted);
        }
    }

    /** An OAuth error answer: only its error code and description are kept (they never carry the token). */
    private static IdentityProviderException failure(String what, HttpResponse<String> response) {
        String error = null;
        String description = null;
        try {
            JsonNode body = JSON.readTree(response.body());
            error = text(body, "error");
            description = text(body, "error_description");
        } catch (JacksonException notJson) {
            // some IdPs answer HTML on 5xx: the status says enough
        }
        String message = "The sign-in service refused the " + what + ": HTTP " + response.statusCode()
                + (error == null ? "" : " " + error) + (description == null ? "" : " (" + description + ")");
        return new IdentityProviderException(message, response.statusCode(), error, description, null);
    }

    private static JsonNode parse(String what, HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (JacksonException malformed) {
            // answered below
        }
        throw new IdentityProviderException("The sign-in service's " + what + " answer is not a JSON object",
                response.statusCode(), null, null, null);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asString().isEmpty() ? null : value.asString();
    }

    private JwtDecoder idTokenDecoder(ClientRegistration registration) {
        JwtDecoder decoder = idTokenDecoder;
        if (decoder == null) {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .build();
            String issuer = Optional.ofNullable(registration.getProviderDetails().getIssuerUri()).orElse("");
            nimbus.setJwtValidator(issuer.isEmpty() ? JwtValidators.createDefault()
                    : JwtValidators.createDefaultWithIssuer(issuer));
            idTokenDecoder = decoder = nimbus;
        }
        return decoder;
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The payload claims of a JWT access token without checking its signature, or empty if it is not a JWT. */
    static Map<String, Object> unverifiedClaims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
            return claims;
        } catch (RuntimeException notJwt) {
            return Map.of();
        }
    }
}
