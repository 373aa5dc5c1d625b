package org.ncmcp.resource.security;

import org.ncmcp.model.resource.CanonicalUri;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Multi-user mode: mcp-resource as an OAuth protected resource of the auth-broker. Setting {@code issuer}
 * selects the mode; every other setting is then checked here, so a mistake stops start-up with a message
 * naming the setting instead of rejecting every token later. Without {@code issuer} nothing is checked
 * and single-user mode runs as before.
 *
 * @param issuer the auth-broker's issuer, compared exactly with each token's {@code iss}
 *        (e.g. {@code http://127.0.0.1:9000})
 * @param resourceUri this server's canonical URI as clients address it (e.g. {@code http://127.0.0.1:8080/mcp});
 *        tokens must carry it in {@code aud}. Stored in canonical form ({@link CanonicalUri}).
 * @param jwkSetUri where the broker publishes its signing keys; defaults to {@code {issuer}/oauth2/jwks}
 * @param allowedAlgorithms the JWS algorithms accepted; asymmetric only. Defaults to RS256 and ES256, plus
 *        EdDSA when its verifier (Google Tink) is on the classpath.
 * @param clockSkew tolerance for {@code exp}/{@code nbf}/{@code iat}; at most 60 s
 * @param baselineScopes the minimal scopes for basic use: {@code scopes_supported} in the metadata and
 *        {@code scope} in 401 challenges (never {@code offline_access}: RS-04)
 * @param resourceName {@code resource_name} in the metadata, shown to users by some clients
 */
@ConfigurationProperties("mcp.auth")
public record ResourceServerProperties(
        String issuer,
        String resourceUri,
        String jwkSetUri,
        List<String> allowedAlgorithms,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("notes:read") List<String> baselineScopes,
        @DefaultValue("Nextcloud MCP") String resourceName) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    static final String JWKS_PATH = "/oauth2/jwks";
    private static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

    public ResourceServerProperties {
        if (StringUtils.hasText(issuer)) {
            List<String> problems = new ArrayList<>();
            issuer = issuer.trim();
            if (!isHttpUrl(issuer)) {
                problems.add("mcp.auth.issuer (MCP_AUTH_ISSUER) must be the auth-broker's issuer URL, e.g."
                        + " http://127.0.0.1:9000; got '" + issuer + "'");
            }
            String canonical = resourceUri == null ? null : CanonicalUri.of(resourceUri).orElse(null);
            if (!StringUtils.hasText(resourceUri)) {
                problems.add("mcp.auth.resource-uri (MCP_AUTH_RESOURCEURI) is required in multi-user mode: this"
                        + " server's canonical URI as clients address it, e.g. http://127.0.0.1:8080/mcp");
            } else if (canonical == null || canonical.contains("?")) {
                problems.add("mcp.auth.resource-uri (MCP_AUTH_RESOURCEURI) must be an absolute http(s) URI without"
                        + " query or fragment, e.g. http://127.0.0.1:8080/mcp; got '" + resourceUri + "'");
            } else {
                resourceUri = canonical;
            }
            if (!StringUtils.hasText(jwkSetUri)) {
                jwkSetUri = stripTrailingSlash(issuer) + JWKS_PATH;
            } else if (!isHttpUrl(jwkSetUri.trim())) {
                problems.add("mcp.auth.jwk-set-uri (MCP_AUTH_JWKSETURI) must be an absolute http(s) URL; got '"
                        + jwkSetUri + "'");
            } else {
                jwkSetUri = jwkSetUri.trim();
            }
            allowedAlgorithms = allowedAlgorithms == null || allowedAlgorithms.isEmpty()
                    ? defaultAlgorithms() : List.copyOf(allowedAlgorithms);
            allowedAlgorithms.forEach(name -> checkAlgorithm(name, problems));
            if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
                problems.add("mcp.auth.clock-skew (MCP_AUTH_CLOCKSKEW) must be between 0s and 60s; got " + clockSkew);
            }
            if (baselineScopes == null || baselineScopes.isEmpty()) {
                problems.add("mcp.auth.baseline-scopes (MCP_AUTH_BASELINESCOPES) needs at least one scope, e.g."
                        + " notes:read");
            } else {
                for (String scope : baselineScopes) {
                    if (Scope.tryParse(scope.trim()).isEmpty()) {
                        problems.add("mcp.auth.baseline-scopes (MCP_AUTH_BASELINESCOPES): unknown scope '" + scope
                                + "'; valid scopes are " + String.join(" ", Scope.validValues()));
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid multi-user settings: " + String.join("; ", problems) + ".");
            }
        }
    }

    public boolean multiUser() {
        return StringUtils.hasText(issuer);
    }

    /** The minimal scopes a client should ask for first; more come by step-up (RS-04). */
    public ScopeSet baseline() {
        return ScopeSet.of(baselineScopes.stream().map(String::trim).map(Scope::parse).toList());
    }

    /** The JWS algorithms a token may be signed with. */
    public Set<JWSAlgorithm> algorithms() {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        allowedAlgorithms.forEach(name -> algorithms.add(JWSAlgorithm.parse(name.trim())));
        return algorithms;
    }

    /**
     * Where the metadata for {@link #resourceUri()} lives (RFC 9728 §3.1: the well-known segment goes between
     * the host and the resource's path), e.g. {@code http://127.0.0.1:8080/.well-known/oauth-protected-resource/mcp}.
     */
    public String resourceMetadataUrl() {
        URI resource = URI.create(resourceUri);
        String path = resource.getRawPath() == null ? "" : resource.getRawPath();
        return resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN + path;
    }

    /** The path of the resource on this server, e.g. {@code /mcp}; empty for a resource at the root. */
    public String resourcePath() {
        String path = URI.create(resourceUri).getRawPath();
        return path == null ? "" : path;
    }

    static boolean eddsaSupported() {
        // Nimbus verifies Ed25519 with Google Tink, an optional dependency we do not ship.
        return ClassUtils.isPresent("com.google.crypto.tink.subtle.Ed25519Verify",
                ResourceServerProperties.class.getClassLoader());
    }

    private static List<String> defaultAlgorithms() {
        return eddsaSupported() ? List.of("RS256", "ES256", "EdDSA") : List.of("RS256", "ES256");
    }

    private static void checkAlgorithm(String name, List<String> problems) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name == null ? "" : name.trim());
        boolean asymmetric = JWSAlgorithm.Family.RSA.contains(algorithm) || JWSAlgorithm.Family.EC.contains(algorithm)
                || JWSAlgorithm.Family.ED.contains(algorithm);
        if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            problems.add("mcp.auth.allowed-algorithms: " + name + " is symmetric (a shared secret) and is never"
                    + " accepted; use RS256, ES256 or EdDSA");
        } else if (!asymmetric) {
            problems.add("mcp.auth.allowed-algorithms: unknown or unsigned algorithm '" + name + "'; use RS256, PS256,"
                    + " ES256 or EdDSA");
        } else if (JWSAlgorithm.Family.ED.contains(algorithm)
                && (!eddsaSupported() || algorithm.getName().toLowerCase(Locale.ROOT).equals("ed448"))) {
            problems.add("mcp.auth.allowed-algorithms: " + name + " cannot be verified here (Ed25519 needs Google"
                    + " Tink on the classpath; Ed448 is unsupported)");
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException invalid) {
            return false;
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
