package org.ncmcp.broker.client.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upstream IdP's OpenID Provider metadata ({@code {issuer}/.well-known/openid-configuration}), reused
 * for {@code discovery-ttl}. The document's {@code issuer} must be exactly the configured one (OpenID
 * Connect Discovery 1.0 §4.3), so a misconfigured or spoofed endpoint cannot hand us foreign endpoints.
 */
public class UpstreamDiscovery {

    private static final Logger log = LoggerFactory.getLogger(UpstreamDiscovery.class);
    private static final int MAX_BYTES = 256 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String issuer;
    private final URI wellKnown;
    private final Duration ttl;
    private final Duration timeout;
    private final HttpClient http;
    private final Clock clock;
    private UpstreamProviderMetadata cached;

    /**
     * @param loginIssuer the issuer of the upstream login, used when {@code broker.dcr-proxy.issuer} is unset
     */
    public UpstreamDiscovery(DcrProxyProperties properties, URI loginIssuer) {
        this(properties.issuer() != null ? properties.issuer() : loginIssuer, properties.discoveryTtl(), properties.timeout(),
                HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build(),
                Clock.systemUTC());
    }

    public UpstreamDiscovery(URI issuer, Duration ttl, Duration timeout, HttpClient http, Clock clock) {
        Objects.requireNonNull(issuer, "set broker.dcr-proxy.issuer or configure the upstream login issuer");
        this.issuer = issuer.toString();
        // §4: a terminating "/" of the issuer is removed before appending the well-known path
        String base = this.issuer.endsWith("/") ? this.issuer.substring(0, this.issuer.length() - 1) : this.issuer;
        this.wellKnown = URI.create(base + "/.well-known/openid-configuration");
        this.ttl = ttl;
        this.timeout = timeout;
        this.http = http;
        this.clock = clock;
    }

    /** The configured issuer. */
    public String issuer() {
        return issuer;
    }

    /**
     * The IdP's metadata, fetched when there is none younger than the TTL. Callers share one fetch.
     *
     * @throws UpstreamDiscoveryException when it cannot be fetched or its issuer does not match
     */
    public synchronized UpstreamProviderMetadata metadata() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.fetchedAt().plus(ttl))) {
            return cached;
        }
        cached = fetch(now);
        return cached;
    }

    /** Forgets the cached document, e.g. after the IdP answered in a way that suggests it changed. */
    public synchronized void invalidate() {
        cached = null;
    }

    private UpstreamProviderMetadata fetch(Instant now) {
        HttpRequest request = HttpRequest.newBuilder(wellKnown).timeout(timeout).header("Accept", "application/json").GET().build();
        JsonNode document;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (response.statusCode() != 200) {
                throw new UpstreamDiscoveryException("the upstream IdP's discovery document " + wellKnown + " answered HTTP "
                        + response.statusCode());
            }
            if (body.length > MAX_BYTES) {
                throw new UpstreamDiscoveryException("the upstream IdP's discovery document " + wellKnown + " is larger than "
                        + MAX_BYTES + " bytes");
            }
            document = JSON.readTree(body);
        } catch (IOException e) {
            throw new UpstreamDiscoveryException("could not fetch the upstream IdP's discovery document " + wellKnown + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamDiscoveryException("interrupted while fetching " + wellKnown, e);
        } catch (JacksonException e) {
            throw new UpstreamDiscoveryException("the upstream IdP's discovery document " + wellKnown + " is not valid JSON", e);
        }
        if (document == null || !document.isObject()) {
            throw new UpstreamDiscoveryException("the upstream IdP's discovery document " + wellKnown + " is not a JSON object");
        }
        String stated = text(document, "issuer");
        if (!issuer.equals(stated)) {
            throw new UpstreamDiscoveryException("the discovery document at " + wellKnown + " states issuer '" + stated
                    + "', not the configured '" + issuer + "'; refusing it (OpenID Connect Discovery 1.0 section 4.3)");
        }
        UpstreamProviderMetadata metadata = new UpstreamProviderMetadata(stated, required(document, "authorization_endpoint"),
                required(document, "token_endpoint"), optional(document, "jwks_uri"),
                optional(document, "registration_endpoint"), now);
        log.debug("Fetched upstream discovery document {} (registration endpoint: {})", wellKnown, metadata.registrationEndpoint());
        return metadata;
    }

    private URI required(JsonNode document, String field) {
        URI uri = optional(document, field);
        if (uri == null) {
            throw new UpstreamDiscoveryException("the upstream IdP's discovery document " + wellKnown + " has no " + field);
        }
        return uri;
    }

    private URI optional(JsonNode document, String field) {
        String value = text(document, field);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new UpstreamDiscoveryException("the upstream IdP's " + field + " '" + value + "' is not an absolute URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new UpstreamDiscoveryException("the upstream IdP's " + field + " '" + value + "' is not a URL", e);
        }
    }

    private static String text(JsonNode document, String field) {
        JsonNode value = document.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
