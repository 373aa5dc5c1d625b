package org.ncmcp.broker.lease;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.provisioning.StoredCredential;
import org.ncmcp.broker.server.BrokerProperties;
import org.ncmcp.broker.server.ResourceIndicators;
import org.ncmcp.broker.token.SigningKeys;
import org.ncmcp.model.scope.ScopeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Checks the person's MCP access token that mcp-resource presents with a lease or status request: our signature,
 * not expired, our issuer, {@code typ at+jwt}, issued for one of our resources, and still active here (a withdrawn
 * consent or revoked token stops leases at once, not only when the token expires).
 */
@Component
public class SubjectTokens {

    /**
     * Who the token speaks for, what it allows, and the person's Nextcloud credential as stored (read with the
     * token's liveness; empty when they never connected).
     */
    public record Subject(String subject, String clientId, ScopeSet scopes, Optional<StoredCredential> credential) {
    }

    private static final Logger log = LoggerFactory.getLogger(SubjectTokens.class);

    private final JwtDecoder decoder;
    private final SubjectRecords records;
    private final BrokerProperties broker;
    private final ResourceIndicators resources;

    SubjectTokens(SigningKeys keys, SubjectRecords records, BrokerProperties broker, ResourceIndicators resources) {
        this.records = records;
        this.broker = broker;
        this.resources = resources;
        NimbusJwtDecoder atJwt = NimbusJwtDecoder.withJwkSource(keys).jwtProcessorCustomizer(processor -> {
            // Nimbus and Spring accept only typ JWT by default; our access tokens are at+jwt (RFC 9068)
            processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
            processor.setJWSKeySelector(keys.verificationKeySelector());
        }).build();
        atJwt.setJwtValidator(JwtValidators.createAtJwtValidator().issuer(broker.issuerString())
                .validators(rules -> rules.put(JwtClaimNames.AUD,
                        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, this::issuedForOurResource)))
                .build());
        this.decoder = atJwt;
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
        Optional<SubjectRecords.Live> live = records.find(token, jwt.getSubject(), Instant.now());
        if (live.isEmpty()) {
            return refused("no active authorization holds it (revoked or withdrawn)");
        }
        return Optional.of(new Subject(jwt.getSubject(), jwt.getClaimAsString("client_id"), scopes(jwt),
                live.get().credential()));
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
        return ScopeSet.ofKnown(jwt.getClaimAsString("scope"));
    }
}
