package org.ncmcp.broker.consent;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ncmcp.model.scope.Scope;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The consent page: which application (its name and where it will send the answer), what it asks for,
 * and what was granted before. The form posts back to the authorization endpoint, whose {@code state}
 * is bound to this person and this request.
 */
@Controller
public class ConsentController {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final OAuth2AuthorizationService authorizations;
    private final org.ncmcp.broker.login.BrokerUsers users;

    public ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
            OAuth2AuthorizationService authorizations, org.ncmcp.broker.login.BrokerUsers users) {
        this.clients = clients;
        this.consents = consents;
        this.authorizations = authorizations;
        this.users = users;
    }

    /** One line of the consent page. */
    public record ScopeLine(String value, String description, boolean previouslyGranted) {
    }

    @GetMapping("/oauth2/consent")
    public String consent(Principal principal, Model model, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
            @RequestParam(OAuth2ParameterNames.SCOPE) String scope, @RequestParam(OAuth2ParameterNames.STATE) String state) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown client");
        }
        OAuth2Authorization pending = authorizations.findByToken(state, STATE);
        if (pending == null || !pending.getPrincipalName().equals(principal.getName())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "This consent request has expired; start again"
                    + " from the application.");
        }
        OAuth2AuthorizationRequest request = pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
        String redirectHost = request == null ? "" : URI.create(request.getRedirectUri()).getHost();

        OAuth2AuthorizationConsent previous = consents.findById(client.getId(), principal.getName());
        Set<String> granted = previous == null ? Set.of() : previous.getScopes();
        List<ScopeLine> toApprove = new ArrayList<>();
        List<ScopeLine> alreadyGranted = new ArrayList<>();
        for (String requested : new LinkedHashSet<>(List.of(scope.split(" ")))) {
            if (requested.isBlank() || OidcScopes.OPENID.equals(requested)) {
                continue; // signing in itself needs no approval
            }
            ScopeLine line = new ScopeLine(requested, describe(requested), granted.contains(requested));
            (line.previouslyGranted() ? alreadyGranted : toApprove).add(line);
        }
        model.addAttribute("clientId", clientId);
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("redirectHost", redirectHost);
        model.addAttribute("loopbackOnly", client.getRedirectUris().stream().allMatch(
                uri -> org.ncmcp.broker.server.RedirectUris.isLoopback(URI.create(uri).getHost())));
        model.addAttribute("warnings", org.ncmcp.broker.client.metadata.CimdClientSettings.warnings(client));
        model.addAttribute("state", state);
        model.addAttribute("scopes", toApprove);
        model.addAttribute("grantedScopes", alreadyGranted);
        // the name a person recognises: their Nextcloud user id (and display name), not the IdP's subject
        model.addAttribute("user", users.find(principal.getName())
                .map(u -> u.displayName() == null || u.displayName().isBlank() ? u.nextcloudUserId()
                        : u.displayName() + " (" + u.nextcloudUserId() + ")")
                .orElse(principal.getName()));
        return "consent";
    }

    /** What a scope lets an assistant do, in words a person reads on the consent page and in the API. */
    public static String describe(String scope) {
        return Scope.tryParse(scope).map(s -> switch (s.access()) {
            case READ -> "Read your " + s.app().displayName();
            case WRITE -> "Read, create, change and delete your " + s.app().displayName();
        }).orElse(OidcScopes.PROFILE.equals(scope) ? "Your name and user id" : scope);
    }
}
