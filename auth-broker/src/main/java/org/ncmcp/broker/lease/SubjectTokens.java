package org.ncmcp.broker.lease;

import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.broker.server.ResourceIndicators;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.springframework.security.oauth2.jwt.Jwt;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import org.ncmcp.broker.token.SigningKeys;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.ncmcp.broker.token.ActiveAccessTokens;
import org.springframework.stereotype.Component;

/**
 * Checks the person's MCP access token that mcp-resource presents with a lease or status request: our signature,
 * not expired, our issuer, {@code typ at+jwt}, issued for one of our resources, and still active here (a withdrawn
 * consent or revoked token stops leases at once, not only when the token expires).
 */
@Component
public class SubjectTokens {

    /** Who the token speaks for, and what it allows. */
    public record Subject(String subject, String clientId, ScopeSet scopes) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SubjectTokens.class);

    private final JwtDecoder decoder;
    private final ActiveAccessTokens activeTokens;
    private final BrokerProperties broker;
    private final ResourceIndicators resources;

    public SubjectTokens(SigningKeys keys, ActiveAccessTokens activeTokens, BrokerProperties broker,
            ResourceIndicators resources) {
        this.activeTokens = activeTokens;
        // Nimbus and Spring accept only typ JWT by default; our access tokens are at+jwt (RFC 9068)
        NimbusJwtDecoder atJwt = NimbusJwtDecoder.withJwkSource(keys)
                .jwtProcessorCustomizer(processor -> processor.setJWSTypeVerifier(
                        new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"))))
                .build();
        atJwt.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(broker.issuerString())
                .validators(rules -> rules.put(org.springframework.security.oauth2.jwt.JwtClaimNames.AUD,
                        new org.springframework.security.oauth2.jwt.JwtClaimValidator<List<String>>(
                                org.springframework.security.oauth2.jwt.JwtClaimNames.AUD, this::issuedForOurResource)))
                .build());
        this.decoder = atJwt;
        this.broker = broker;
        this.resources = resources;
    }

    /** @return the subject, or empty with no reason given (the caller answers {@code invalid_grant}) */
    public Optional<Subject> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return Optional.empty();
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException invalid) {
            return refused(invalid.getMessage());
        }
        if (jwt.getIssuer() == null || !broker.issuerString().equals(jwt.getIssuer().toString())) {
            return refused("issuer " + jwt.getIssuer());
        }
        if (jwt.getSubject() == null || !issuedForOurResource(jwt.getAudience())) {
            return refused("no subject, or audience " + jwt.getAudience() + " is not one of our resources");
        }
        if (!activeTokens.isActive(token, java.time.Instant.now())) {
            return refused("no active authorization holds it (revoked or withdrawn)");
        }
        return Optional.of(new Subject(jwt.getSubject(), jwt.getClaimAsString("client_id"), scopes(jwt)));
    }

    /** Why is logged at debug level for operators; the caller only learns "invalid". Never logs the token. */
    private static Optional<Subject> refused(String reason) {
        log.debug("Subject token refused: {}", reason);
        return Optional.empty();
    }

    private boolean issuedForOurResource(List<String> audience) {
        return audience != null && audience.stream().anyMatch(aud -> resources.resolve(aud).isPresent());
    }

    private static ScopeSet scopes(Jwt jwt) {
        String claim = jwt.getClaimAsString("scope");
        if (claim == null || claim.isBlank()) {
            return ScopeSet.empty();
        }
        return ScopeSet.of(java.util.Arrays.stream(claim.trim().split("\\s+")).map(Scope::tryParse)
                .flatMap(Optional::stream).toList());
    }
}
