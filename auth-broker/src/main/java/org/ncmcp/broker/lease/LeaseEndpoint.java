package org.ncmcp.broker.lease;

import java.time.Clock;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Plugs credential leases into the authorization server's token endpoint (RFC 8693 token exchange). */
@Component
public class LeaseEndpoint {

    private final LeaseClientRepository clients;
    private final SubjectTokens subjectTokens;
    private final LeaseIssuer issuer;
    private final JsonMapper json;
    private final Clock clock;

    public LeaseEndpoint(LeaseClientRepository clients, SubjectTokens subjectTokens, LeaseIssuer issuer,
            JsonMapper json, Clock clock) {
        this.clients = clients;
        this.subjectTokens = subjectTokens;
        this.issuer = issuer;
        this.json = json;
        this.clock = clock;
    }

    /** Our converter goes first, so Spring's own token exchange never sees a lease request. */
    public void addConverter(List<AuthenticationConverter> converters) {
        converters.add(0, new LeaseRequestConverter());
    }

    public void addProvider(List<AuthenticationProvider> providers) {
        providers.add(0, new LeaseAuthenticationProvider(clients, subjectTokens, issuer, clock));
    }

    /** Lease responses; every other token response goes to Spring's own handler. */
    public AuthenticationSuccessHandler responseHandler() {
        return new LeaseResponseHandler(json);
    }
}
