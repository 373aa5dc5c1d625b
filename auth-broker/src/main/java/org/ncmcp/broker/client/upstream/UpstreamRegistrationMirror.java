package org.ncmcp.broker.client.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.ncmcp.model.http.RetryAfter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DCR proxy mode: registers a broker client at the upstream IdP's RFC 7591 registration endpoint as a
 * public client. 429 and 503 are retried with exponential backoff and jitter, honouring
 * {@code Retry-After}, within {@code max-attempts} and {@code max-wait}; any other refusal fails at once
 * with the IdP's {@code error} and {@code error_description}. An IdP that insists on a confidential client
 * (Nextcloud's oidc app forces {@code client_secret_post}) gets its secret returned for the vault. Tokens
 * and secrets are never logged.
 *
 * <p>Nothing obtained here is given to the MCP client: it only ever receives broker-issued tokens.
 */
public class UpstreamRegistrationMirror {

    private static final Logger log = LoggerFactory.getLogger(UpstreamRegistrationMirror.class);
    private static final int MAX_BYTES = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DcrProxyProperties properties;
    private final UpstreamDiscovery discovery;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier jitter;

    public UpstreamRegistrationMirror(DcrProxyProperties properties, UpstreamDiscovery discovery) {
        this(properties, discovery,
                HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build(),
                Sleeper.SYSTEM, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param sleeper how to wait between attempts
     * @param clock reads {@code Retry-After} dates and stamps registrations
     * @param jitter values in [0, 1) spreading each backoff over its upper half
     */
    public UpstreamRegistrationMirror(DcrProxyProperties properties, UpstreamDiscovery discovery, HttpClient http,
            Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
        this.properties = properties;
        this.discovery = discovery;
        this.http = http;
        this.sleeper = sleeper;
        this.clock = clock;
        this.jitter = jitter;
    }

    /**
     * Registers {@code client} at the upstream IdP.
     *
     * @return the IdP's client id and management credentials, for the broker to store
     * @throws UpstreamRegistrationException when the IdP refuses, stays overloaded or cannot be reached
     * @throws UpstreamDiscoveryException when the IdP's metadata cannot be had
     */
    public UpstreamRegistration mirror(RegisteredClient client) {
        if (!properties.enabled()) {
            throw new IllegalStateException("DCR proxy mode is off (broker.dcr-proxy.enabled=false)");
        }
        URI endpoint = discovery.metadata().registration().orElseThrow(() -> new UpstreamRegistrationException(
                "the upstream IdP " + discovery.issuer() + " advertises no registration_endpoint, so registrations cannot"
                        + " be mirrored; turn off broker.dcr-proxy.enabled or enable dynamic registration at the IdP"));
        byte[] request = requestBody(client);
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Answer response = send(endpoint, request);
            int status = response.status();
            if (status == 200 || status == 201) {
                UpstreamRegistration registration = registration(response.body());
                log.info("Mirrored client {} to the upstream IdP as {}", client.getClientId(), registration.upstreamClientId());
                return registration;
            }
            if (status != 429 && status != 503) {
                throw refusal(status, response.body());
            }
            if (attempt >= properties.maxAttempts()) {
                throw new UpstreamRegistrationException("the upstream IdP answered HTTP " + status + " to all "
                        + attempt + " attempts (broker.dcr-proxy.max-attempts); try again later", status, null, null, null);
            }
            Duration delay;
            Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
            Duration left = properties.maxWait().minus(waited);
            if (retryAfter.isPresent()) {
                delay = retryAfter.get();
                if (delay.compareTo(left) > 0) {
                    throw new UpstreamRegistrationException("the upstream IdP answered HTTP " + status + " and asked to retry"
                            + " after " + delay.toSeconds() + " s, beyond broker.dcr-proxy.max-wait (" + properties.maxWait()
                            + " in all, " + waited.toMillis() + " ms already waited); try again later", status, null, null, null);
                }
            } else {
                if (left.isZero() || left.isNegative()) {
                    throw new UpstreamRegistrationException("the upstream IdP answered HTTP " + status + " and "
                            + "broker.dcr-proxy.max-wait (" + properties.maxWait() + ") is used up; try again later",
                            status, null, null, null);
                }
                delay = min(backoff(attempt), left);
            }
            log.warn("Upstream registration answered HTTP {}; attempt {} of {}, retrying in {} ms", status, attempt,
                    properties.maxAttempts(), delay.toMillis());
            sleep(delay);
            waited = waited.plus(delay);
        }
    }

    /** initial × 2^(attempt−1), then "equal jitter": half fixed, half random, so retries spread out. */
    Duration backoff(int attempt) {
        long base = properties.initialBackoff().toMillis();
        long ceiling = Math.max(properties.maxWait().toMillis(), base);
        for (int i = 1; i < attempt && base < ceiling; i++) {
            base = Math.min(base * 2, ceiling);
        }
        double spread = Math.min(Math.max(jitter.getAsDouble(), 0), 1);
        return Duration.ofMillis(base / 2 + Math.round(base / 2.0 * spread));
    }

    private byte[] requestBody(RegisteredClient client) {
        List<String> redirectUris = properties.redirectUris().isEmpty() ? List.copyOf(client.getRedirectUris())
                : properties.redirectUris().stream().map(URI::toString).toList();
        Set<String> grants = new LinkedHashSet<>();
        grants.add(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
        if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            grants.add(AuthorizationGrantType.REFRESH_TOKEN.getValue());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("client_name", client.getClientName());
        ArrayNode redirects = body.putArray("redirect_uris");
        redirectUris.forEach(redirects::add);
        ArrayNode grantTypes = body.putArray("grant_types");
        grants.forEach(grantTypes::add);
        body.putArray("response_types").add("code");
        body.put("token_endpoint_auth_method", "none");
        // OIDC Registration §2: loopback redirects are for native apps, https ones for web apps
        body.put("application_type", redirectUris.stream().allMatch(UpstreamRegistrationMirror::isLoopback) ? "native" : "web");
        if (properties.scope() != null && !properties.scope().isBlank()) {
            body.put("scope", properties.scope());
        }
        return JSON.writeValueAsBytes(body);
    }

    private Answer send(URI endpoint, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (properties.initialAccessToken() != null && !properties.initialAccessToken().isBlank()) {
            request.header("Authorization", "Bearer " + properties.initialAccessToken());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new UpstreamRegistrationException("the upstream IdP's registration response is larger than "
                        + MAX_BYTES + " bytes", response.statusCode(), null, null, null);
            }
            return new Answer(response.statusCode(), response.headers(), bytes);
        } catch (IOException e) {
            // Not retried: the IdP may have registered the client before the connection failed.
            throw new UpstreamRegistrationException("could not reach the upstream registration endpoint " + endpoint + ": " + e,
                    0, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamRegistrationException("interrupted while registering at the upstream IdP", 0, null, null, e);
        }
    }

    private UpstreamRegistration registration(byte[] body) {
        JsonNode json = parse(body);
        String clientId = text(json, "client_id");
        if (clientId == null || clientId.isBlank()) {
            throw new UpstreamRegistrationException("the upstream IdP's registration response has no client_id");
        }
        String clientSecret = text(json, "client_secret");
        String authMethod = text(json, "token_endpoint_auth_method");
        if (authMethod == null) {
            authMethod = clientSecret == null ? "none" : "client_secret_basic";
        }
        if (clientSecret != null) {
            log.info("The upstream IdP registered {} as a confidential client ({}) although a public one was asked for;"
                    + " its secret is returned for the vault", clientId, authMethod);
        }
        JsonNode secretExpiry = json.get("client_secret_expires_at");
        // RFC 7591 §3.2.1: 0 means the secret does not expire
        Instant secretExpiresAt = secretExpiry != null && secretExpiry.isIntegralNumber() && secretExpiry.longValue() > 0
                ? Instant.ofEpochSecond(secretExpiry.longValue()) : null;
        String clientUri = text(json, "registration_client_uri");
        URI registrationClientUri = null;
        if (clientUri != null) {
            try {
                registrationClientUri = new URI(clientUri);
            } catch (URISyntaxException e) {
                log.warn("The upstream IdP's registration_client_uri for {} is not a URI; ignored", clientId);
            }
        }
        JsonNode issuedAt = json.get("client_id_issued_at");
        Instant registeredAt = issuedAt != null && issuedAt.isIntegralNumber()
                ? Instant.ofEpochSecond(issuedAt.longValue()) : clock.instant();
        return new UpstreamRegistration(clientId, clientSecret, authMethod, secretExpiresAt,
                text(json, "registration_access_token"), registrationClientUri, registeredAt);
    }

    private static UpstreamRegistrationException refusal(int status, byte[] body) {
        JsonNode json = null;
        try {
            json = body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException notJson) {
            // described by status alone
        }
        String error = json == null ? null : text(json, "error");
        String description = json == null ? null : text(json, "error_description");
        StringBuilder message = new StringBuilder("the upstream IdP refused the registration: HTTP ").append(status);
        if (error != null) {
            message.append(' ').append(error);
            if (description != null) {
                message.append(": ").append(description.length() > 300 ? description.substring(0, 300) + "..." : description);
            }
        }
        if (status == 401 || status == 403) {
            message.append(" (does the IdP require an initial access token? see broker.dcr-proxy.initial-access-token)");
        }
        return new UpstreamRegistrationException(message.toString(), status, error, description, null);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new UpstreamRegistrationException("the upstream IdP's registration response is not a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw new UpstreamRegistrationException("the upstream IdP's registration response is not valid JSON");
        }
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamRegistrationException("interrupted while waiting to retry the upstream registration", 0,
                    null, null, e);
        }
    }

    private static boolean isLoopback(String uri) {
        try {
            String host = new URI(uri).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    /** An answer of the IdP, its body read under the size cap. */
    private record Answer(int status, HttpHeaders headers, byte[] body) {
    }
}
