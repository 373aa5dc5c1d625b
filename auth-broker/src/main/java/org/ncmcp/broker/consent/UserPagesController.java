package org.ncmcp.broker.consent;

import java.security.Principal;
import java.util.List;
import org.ncmcp.broker.audit.AuditLog;
import org.ncmcp.broker.server.BrokerProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Pages a signed-in person uses: the applications they allowed, and withdrawing one (which also
 * revokes every token that application holds for them). Forms carry Spring Security's CSRF token.
 */
@Controller
public class UserPagesController {

    private final JdbcTemplate jdbc;
    private final RegisteredClientRepository clients;
    private final OAuth2AuthorizationConsentService consents;
    private final AuditLog audit;
    private final BrokerProperties broker;

    public UserPagesController(JdbcTemplate jdbc, RegisteredClientRepository clients,
            OAuth2AuthorizationConsentService consents, AuditLog audit, BrokerProperties broker) {
        this.jdbc = jdbc;
        this.clients = clients;
        this.consents = consents;
        this.audit = audit;
        this.broker = broker;
    }

    /** One application the person allowed. */
    public record ConsentView(String clientId, String clientName, List<String> scopes) {
    }

    @GetMapping("/")
    public String home(Model model) {
        model.addAttribute("issuer", broker.issuerString());
        return "home";
    }

    @GetMapping("/login-error")
    public String loginError(@RequestParam(required = false) String reason, Model model) {
        model.addAttribute("message", "claim".equals(reason)
                ? "Your account at the sign-in service does not say which Nextcloud user you are. Ask your administrator"
                        + " to map your Nextcloud user id into your sign-in token."
                : "The sign-in service did not confirm who you are.");
        return "login-error";
    }

    @GetMapping("/user/consents")
    public String list(Principal principal, Model model, @RequestParam(required = false) String withdrawn) {
        List<String> clientIds = jdbc.queryForList(
                "SELECT registered_client_id FROM oauth2_authorization_consent WHERE principal_name = ?", String.class,
                principal.getName());
        List<ConsentView> views = clientIds.stream().map(id -> {
            RegisteredClient client = clients.findById(id);
            OAuth2AuthorizationConsent consent = consents.findById(id, principal.getName());
            return client == null || consent == null ? null
                    : new ConsentView(client.getClientId(), client.getClientName(), consent.getScopes().stream().sorted().toList());
        }).filter(java.util.Objects::nonNull).toList();
        model.addAttribute("consents", views);
        model.addAttribute("withdrawn", withdrawn);
        return "consents";
    }

    @PostMapping("/user/consents/withdraw")
    @Transactional
    public String withdraw(Principal principal, @RequestParam("client_id") String clientId) {
        RegisteredClient client = clients.findByClientId(clientId);
        if (client != null) {
            OAuth2AuthorizationConsent consent = consents.findById(client.getId(), principal.getName());
            if (consent != null) {
                consents.remove(consent);
            }
            int revoked = jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?",
                    client.getId(), principal.getName());
            audit.record("consent_withdrawn", principal.getName(), clientId, "success",
                    revoked + " authorization(s) revoked");
        }
        return "redirect:/user/consents?withdrawn=" + java.net.URLEncoder.encode(
                client == null ? clientId : client.getClientName(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
