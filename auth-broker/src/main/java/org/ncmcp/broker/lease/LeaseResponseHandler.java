package org.ncmcp.broker.lease;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ncmcp.model.lease.LeaseProtocol;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.databind.json.JsonMapper;

/** Writes lease responses (RFC 8693 §2.2.1 shape); every other token response goes to Spring's own handler. */
final class LeaseResponseHandler implements AuthenticationSuccessHandler {

    private final AuthenticationSuccessHandler tokens = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
    private final JsonMapper json;

    LeaseResponseHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        if (!(authentication instanceof OAuth2AccessTokenAuthenticationToken result)
                || !LeaseProtocol.REQUESTED_TOKEN_TYPE.equals(result.getAdditionalParameters()
                        .get(LeaseProtocol.FIELD_ISSUED_TOKEN_TYPE))) {
            tokens.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.getOutputStream().write(json.writeValueAsBytes(result.getAdditionalParameters()));
    }
}
