package org.ncmcp.e2e.keycloak;

import tools.jackson.databind.JsonNode;

/** What Keycloak's token endpoint answered: the HTTP status and the JSON body (tokens, or error and error_description). */
public record TokenResponse(int status, JsonNode body) {

    public boolean ok() {
        return status == 200;
    }

    public String accessToken() {
        return text("access_token");
    }

    public String refreshToken() {
        return text("refresh_token");
    }

    public String idToken() {
        return text("id_token");
    }

    public String error() {
        return text("error");
    }

    public String errorDescription() {
        return text("error_description");
    }

    /** The access token's claims (decoded, not verified). */
    public JsonNode accessTokenClaims() {
        return Jwt.claims(requireOk(accessToken()));
    }

    private String requireOk(String token) {
        if (token == null) {
            throw new IllegalStateException("no token in the answer: HTTP " + status + " " + error() + ": " + errorDescription());
        }
        return token;
    }

    private String text(String field) {
        JsonNode node = body.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    /** Status and error only: token responses hold secrets, so they are never printed whole. */
    @Override
    public String toString() {
        return "TokenResponse[" + status + (ok() ? "" : " " + error() + ": " + errorDescription()) + "]";
    }
}
