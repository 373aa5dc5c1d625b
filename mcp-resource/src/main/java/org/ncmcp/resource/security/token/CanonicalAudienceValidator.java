package org.ncmcp.resource.security.token;

import org.ncmcp.model.resource.CanonicalUri;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * RS-06: a token is accepted only if its {@code aud} names this server (RFC 8707 audience binding), so a
 * token issued for another resource cannot be replayed here. Values are compared in canonical form
 * (RS-12), which Spring's exact-match {@code JwtAudienceValidator} does not do.
 */
final class CanonicalAudienceValidator implements OAuth2TokenValidator<Jwt> {

    private final String resource;

    CanonicalAudienceValidator(String canonicalResource) {
        this.resource = Objects.requireNonNull(canonicalResource, "canonicalResource");
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<String> audience = token.getAudience();
        if (audience == null || audience.isEmpty()) {
            return failure("The token has no audience (aud); it must name this server, " + resource + ".");
        }
        boolean ours = audience.stream().map(CanonicalUri::of).anyMatch(canonical -> canonical.filter(resource::equals)
                .isPresent());
        return ours ? OAuth2TokenValidatorResult.success()
                : failure("The token was issued for another resource: its audience (aud) does not include " + resource
                        + ".");
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
