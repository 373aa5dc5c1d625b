package org.ncmcp.resource.security.token;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** A claim every RFC 9068 access token carries (§2.2) must be present. */
final class RequiredClaimValidator implements OAuth2TokenValidator<Jwt> {

    private final String claim;

    RequiredClaimValidator(String claim) {
        this.claim = claim;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Object value = token.getClaim(claim);
        if (value == null || (value instanceof String text && text.isBlank())) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The token has no '" + claim + "' claim.", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
