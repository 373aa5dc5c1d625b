package org.ncmcp.resource.credentials.lease;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.ncmcp.model.lease.CredentialLease;
import org.ncmcp.model.lease.LeaseProtocol;
import org.ncmcp.model.lease.ProvisioningProtocol;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.resource.credentials.ProvisioningRequiredException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * mcp-resource's side of the internal credential API ({@link LeaseProtocol}, {@link ProvisioningProtocol}): an
 * RFC 8693 token exchange at the broker's token endpoint, authenticated as the lease client, presenting the
 * person's MCP access token. Nothing it receives is logged or written to disk.
 */
public class BrokerLeaseClient {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final LeaseClientProperties properties;
    private final String brokerUrl;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;

    public BrokerLeaseClient(LeaseClientProperties properties, String issuer, JsonMapper json, Clock clock) {
        this.properties = properties;
        String base = properties.brokerUrl() == null || properties.brokerUrl().isBlank() ? issuer : properties.brokerUrl();
        this.brokerUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A lease for {@code scopes}.
     *
     * @throws ProvisioningRequiredException when the person has not connected Nextcloud (or it was revoked)
     * @throws LeaseRefusedException when the broker refuses for another reason (scope, kind, token)
     * @throws BrokerUnavailableException when the broker cannot be reached or answers unexpectedly
     */
    public CredentialLease lease(String subjectToken, ScopeSet scopes) {
        requireConfigured();
        Map<String, String> form = new LinkedHashMap<>();
        form.put(LeaseProtocol.PARAM_GRANT_TYPE, LeaseProtocol.GRANT_TYPE);
        form.put(LeaseProtocol.PARAM_SUBJECT_TOKEN, subjectToken);
        form.put(LeaseProtocol.PARAM_SUBJECT_TOKEN_TYPE, LeaseProtocol.SUBJECT_TOKEN_TYPE);
        form.put(LeaseProtocol.PARAM_REQUESTED_TOKEN_TYPE, LeaseProtocol.REQUESTED_TOKEN_TYPE);
        form.put(LeaseProtocol.PARAM_SCOPE, scopes.format());
        HttpResponse<String> response = post("/oauth2/token", form);
        Map<String, Object> body = parse(response);
        if (response.statusCode() == 200) {
            try {
                return CredentialLease.fromResponse(body, clock.instant());
            } catch (IllegalArgumentException malformed) {
                throw new BrokerUnavailableException("The auth-broker's lease answer is malformed: " + malformed.getMessage());
            }
        }
        String error = String.valueOf(body.getOrDefault(LeaseProtocol.FIELD_ERROR, ""));
        String description = String.valueOf(body.getOrDefault(LeaseProtocol.FIELD_ERROR_DESCRIPTION, ""));
        if (LeaseProtocol.ERROR_NOT_PROVISIONED.equals(error)) {
            Object uri = body.get(LeaseProtocol.FIELD_ERROR_URI);
            throw new ProvisioningRequiredException(description, uri == null ? connectPage() : uri.toString());
        }
        if (response.statusCode() == 401 || "invalid_client".equals(error)) {
            throw new BrokerUnavailableException("The auth-broker did not accept mcp-resource's lease client"
                    + " credentials; check mcp.auth.lease.client-id/client-secret against broker.lease-client.*");
        }
        if (response.statusCode() == 400 && !error.isEmpty()) {
            throw new LeaseRefusedException(error, description);
        }
        throw new BrokerUnavailableException("The auth-broker answered HTTP " + response.statusCode() + " to a lease request");
    }

    /** Where the person stands with Nextcloud ({@link ProvisioningProtocol#STATUS_PATH}); never a secret. */
    public Map<String, Object> status(String subjectToken) {
        requireConfigured();
        HttpResponse<String> response = post(ProvisioningProtocol.STATUS_PATH,
                Map.of(ProvisioningProtocol.PARAM_SUBJECT_TOKEN, subjectToken));
        Map<String, Object> body = parse(response);
        if (response.statusCode() != 200) {
            throw new BrokerUnavailableException("The auth-broker answered HTTP " + response.statusCode()
                    + " to a status request: " + body.getOrDefault(LeaseProtocol.FIELD_ERROR_DESCRIPTION, ""));
        }
        return body;
    }

    /** Tells the broker Nextcloud answered 401 to this person's lease; the broker checks and revokes if so. */
    public void reportRejected(String subjectToken) {
        requireConfigured();
        HttpResponse<String> response = post(ProvisioningProtocol.REJECTED_PATH,
                Map.of(ProvisioningProtocol.PARAM_SUBJECT_TOKEN, subjectToken));
        if (response.statusCode() != 204) {
            throw new BrokerUnavailableException("The auth-broker answered HTTP " + response.statusCode()
                    + " to a rejection report");
        }
    }

    /** The broker page where a person connects Nextcloud. */
    public String connectPage() {
        return brokerUrl + ProvisioningProtocol.PROVISION_PAGE;
    }

    private void requireConfigured() {
        if (!properties.configured()) {
            throw new BrokerUnavailableException("mcp-resource has no lease client configured"
                    + " (MCP_AUTH_LEASE_CLIENT_SECRET / mcp.auth.lease.client-secret), so it cannot obtain Nextcloud"
                    + " credentials from the auth-broker. Ask your administrator.");
        }
    }

    private HttpResponse<String> post(String path, Map<String, String> form) {
        String basic = Base64.getEncoder().encodeToString((encode(properties.clientId()) + ":"
                + encode(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(brokerUrl + path))
                .timeout(properties.timeout())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"))))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException unreachable) {
            throw new BrokerUnavailableException("The auth-broker at " + brokerUrl + " cannot be reached ("
                    + unreachable.getClass().getSimpleName() + "); try again shortly.");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted while asking the auth-broker for a credential");
        }
    }

    private Map<String, Object> parse(HttpResponse<String> response) {
        try {
            Map<String, Object> body = json.readValue(response.body(), MAP);
            return body == null ? Map.of() : body;
        } catch (JacksonException notJson) {
            return Map.of();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The broker refused the lease (scope outside the grant, kind cannot reach the API, token no longer valid). */
    public static final class LeaseRefusedException extends RuntimeException {
        private final String error;

        public LeaseRefusedException(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }

        public String error() {
            return error;
        }
    }

    /** The broker could not be asked, or mcp-resource is not configured to ask it. */
    public static final class BrokerUnavailableException extends RuntimeException {
        public BrokerUnavailableException(String message) {
            super(message, null, false, false);
        }
    }
}
