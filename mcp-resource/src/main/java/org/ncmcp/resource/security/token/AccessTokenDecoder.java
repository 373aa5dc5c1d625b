package org.ncmcp.resource.security.token;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.ncmcp.resource.security.ResourceServerProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Decodes and validates the auth-broker's access tokens (RFC 9068 JWTs) on every request:
 * <ul>
 * <li>signature with a key from the broker's JWKS, by an allow-listed asymmetric algorithm only, so
 * {@code alg: none} and HS256-with-the-public-key never verify;</li>
 * <li>{@code typ} {@code at+jwt}, so an ID token or another issuer's access token is not taken for ours;</li>
 * <li>{@code iss} exactly the broker, {@code aud} containing this server (canonically compared),
 * {@code exp}/{@code nbf}/{@code iat} within the configured skew, and the RFC 9068 claims present.</li>
 * </ul>
 * The JWKS is cached; a token whose {@code kid} is not in the cache makes one refetch (key rotation),
 * rate-limited so a flood of made-up {@code kid}s cannot hammer the broker.
 */
public final class AccessTokenDecoder implements JwtDecoder {

    static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);
    static final Duration JWKS_REFRESH_TIMEOUT = Duration.ofSeconds(15);
    /** Nimbus allows two fetches per interval: the scheduled one and one for a rotated key. */
    static final Duration JWKS_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);
    private static final int JWKS_TIMEOUT_MILLIS = 3_000;
    private static final int JWKS_SIZE_LIMIT = 64 * 1024;

    private final NimbusJwtDecoder delegate;

    AccessTokenDecoder(JWKSource<SecurityContext> keys, ResourceServerProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(properties.algorithms(), keys));
        // typ and the claims are checked by the Spring validators below: one place per rule, one set of messages.
        processor.setJWSTypeVerifier((type, context) -> { });
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        this.delegate = new NimbusJwtDecoder(processor);
        this.delegate.setJwtValidator(validator(properties));
    }

    /** The decoder for the configured broker: keys fetched lazily from {@code mcp.auth.jwk-set-uri}. */
    public static AccessTokenDecoder forBroker(ResourceServerProperties properties) {
        return new AccessTokenDecoder(remoteKeys(properties.jwkSetUri()), properties);
    }

    static JWKSource<SecurityContext> remoteKeys(String jwkSetUri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
                            new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                    .cache(JWKS_CACHE_TTL.toMillis(), JWKS_REFRESH_TIMEOUT.toMillis())
                    .refreshAheadCache(false)
                    .rateLimited(JWKS_MIN_REFETCH_INTERVAL.toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException invalid) {
            throw new IllegalArgumentException("mcp.auth.jwk-set-uri is not a valid URL: " + jwkSetUri, invalid);
        }
    }

    private static OAuth2TokenValidator<Jwt> validator(ResourceServerProperties properties) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        // (Spring's JwtIssuedAtValidator is for DPoP proofs: it also rejects an iat older than the skew.)
        Duration skew = properties.clockSkew();
        JwtClaimValidator<Instant> issuedAt = new JwtClaimValidator<>(JwtClaimNames.IAT,
                iat -> iat == null || !iat.isAfter(Instant.now().plus(skew)));
        return JwtValidators.createAtJwtValidator()
                .issuer(properties.issuer())
                .validators(rules -> {
                    rules.put(JwtClaimNames.AUD, new CanonicalAudienceValidator(properties.resourceUri()));
                    rules.put(JwtClaimNames.EXP, both(new RequiredClaimValidator(JwtClaimNames.EXP), timestamps));
                    // Spring fills a missing iat from exp, so presence cannot be checked here; a future one can.
                    rules.put(JwtClaimNames.IAT, issuedAt);
                    rules.put(JwtClaimNames.SUB, new RequiredClaimValidator(JwtClaimNames.SUB));
                    rules.put(JwtClaimNames.JTI, new RequiredClaimValidator(JwtClaimNames.JTI));
                    // Any client of the broker may call us; the claim must exist, its value is not restricted.
                    rules.put("client_id", new RequiredClaimValidator("client_id"));
                    // nc_user is informational (the broker resolves the Nextcloud user from sub when it hands
                    // out credentials), and the MCP conformance suite's tokens do not carry it: not required.
                })
                .build();
    }

    private static OAuth2TokenValidator<Jwt> both(OAuth2TokenValidator<Jwt> first, OAuth2TokenValidator<Jwt> second) {
        return new DelegatingOAuth2TokenValidator<>(first, second);
    }

    /**
     * Any problem with the token itself is a {@link BadJwtException} (401 {@code invalid_token}). Only an
     * unreachable JWKS stays a plain {@link JwtException}, which becomes a 503: the token may well be
     * fine, and telling the client to re-authenticate would not help.
     */
    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            return delegate.decode(token);
        } catch (BadJwtException invalid) {
            throw invalid;
        } catch (JwtException failure) {
            if (causedBy(failure, RateLimitReachedException.class)) {
                // An unknown kid right after a refetch: the broker has no such key, not a broker outage.
                throw new BadJwtException("No signing key of the authorization server matches the token's kid.",
                        failure);
            }
            if (causedBy(failure, KeySourceException.class)) {
                throw failure;
            }
            throw new BadJwtException(failure.getMessage(), failure);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
