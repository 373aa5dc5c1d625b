package org.ncmcp.broker.provisioning;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.ncmcp.broker.consent.ConsentController;
import org.ncmcp.broker.nextcloud.NextcloudLoginFlow.NextcloudCallException;
import org.ncmcp.model.lease.ProvisioningKind;
import org.ncmcp.model.lease.ProvisioningStatus;
import org.ncmcp.model.scope.Scope;
import org.ncmcp.model.scope.ScopeSet;
import org.ncmcp.model.scope.UnknownScopeException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages where a signed-in person connects their Nextcloud account (the URL of the -32042 elicitation and of
 * {@code nc_auth_provision_access}): choose scopes, approve at Nextcloud, watch the connection complete. Forms
 * carry Spring Security's CSRF token; every page needs the broker sign-in, and a session is only shown to its owner.
 */
@Controller
public class ProvisioningPagesController {

    private final ProvisioningService provisioning;
    private final ProvisioningSessions sessions;

    public ProvisioningPagesController(ProvisioningService provisioning, ProvisioningSessions sessions) {
        this.provisioning = provisioning;
        this.sessions = sessions;
    }

    /** One scope on the page. */
    public record ScopeChoice(String value, String description, boolean selected) {
    }

    @GetMapping("/provision")
    public String connectPage(Principal principal, Model model, @RequestParam(required = false) String scope,
            @RequestParam(required = false) String replace) {
        ProvisioningService.Status status = provisioning.status(principal.getName());
        ScopeSet preselected = scope != null && !scope.isBlank() ? ScopeSet.parse(scope)
                : status.credential().filter(c -> !c.revoked()).map(StoredCredential::scopes).orElse(ScopeSet.all());
        model.addAttribute("scopes", Scope.catalogue().stream()
                .map(s -> new ScopeChoice(s.value(), ConsentController.describe(s.value()), preselected.asSet().contains(s)))
                .toList());
        model.addAttribute("kinds", provisioning.enabledKinds().stream().map(ProvisioningKind::value).toList());
        model.addAttribute("defaultKind", provisioning.enabledKinds().get(0).value());
        model.addAttribute("status", status.status().value());
        model.addAttribute("connected", status.status() == ProvisioningStatus.PROVISIONED);
        model.addAttribute("pendingSession", status.latestSession().filter(ProvisioningSession::pending)
                .map(ProvisioningSession::id).orElse(null));
        model.addAttribute("replacing", "true".equals(replace) || status.status() == ProvisioningStatus.PROVISIONED);
        return "provision";
    }

    @PostMapping("/provision")
    public String connect(Principal principal, @RequestParam(name = "scope", required = false) List<String> scope,
            @RequestParam(name = "kind", required = false) String kind) {
        ScopeSet scopes = ScopeSet.parse(scope == null ? "" : String.join(" ", scope));
        ProvisioningKind chosen = kind == null ? provisioning.enabledKinds().get(0) : ProvisioningKind.tryParse(kind)
                .filter(provisioning.enabledKinds()::contains)
                .orElseThrow(() -> new IllegalArgumentException("Unknown or disabled connection kind: " + kind));
        CredentialKind.Begun begun = provisioning.begin(principal.getName(), chosen, scopes);
        // Login Flow v2 happens in a second tab at Nextcloud while our landing page watches; others redirect
        return chosen == ProvisioningKind.LOGIN_FLOW_V2 ? "redirect:/provision/" + begun.session().id()
                : "redirect:" + begun.next();
    }

    @PostMapping("/provision/decline")
    public String decline(Principal principal, Model model, @RequestParam(name = "scope", required = false) List<String> scope) {
        provisioning.decline(principal.getName(), provisioning.enabledKinds().get(0),
                ScopeSet.parse(scope == null ? "" : String.join(" ", scope)));
        model.addAttribute("title", "Not connected");
        model.addAttribute("message", "You chose not to connect Nextcloud. Your assistant cannot use your Nextcloud data"
                + " until you connect.");
        return "provision-message";
    }

    @GetMapping("/provision/{id}")
    public String landing(Principal principal, @PathVariable String id, Model model, HttpServletResponse response) {
        Optional<ProvisioningSession> found = sessions.find(id).filter(s -> s.subject().equals(principal.getName()));
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("title", "Not found");
            model.addAttribute("message", "There is no such connection attempt for you.");
            return "provision-message";
        }
        if (found.get().pending()) {
            provisioning.status(principal.getName()); // polls Nextcloud once if due
            found = sessions.find(id);
        }
        ProvisioningSession session = found.orElseThrow();
        model.addAttribute("attempt", session); // not "session": Thymeleaf reserves that name for the HttpSession
        model.addAttribute("state", session.state().value());
        model.addAttribute("scopes", session.scopes().asSet().stream().map(Scope::value).toList());
        model.addAttribute("nextcloudUser", provisioning.credentials().find(principal.getName())
                .filter(c -> !c.revoked()).map(StoredCredential::nextcloudUserId).orElse(null));
        return "provision-status";
    }

    @PostMapping("/provision/{id}/cancel")
    public String cancel(Principal principal, @PathVariable String id) {
        provisioning.cancel(principal.getName(), id);
        return "redirect:/provision/" + id;
    }

    @ExceptionHandler({IllegalArgumentException.class, UnknownScopeException.class})
    public String badInput(RuntimeException problem, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("title", "Cannot connect");
        model.addAttribute("message", problem.getMessage());
        return "provision-message";
    }

    @ExceptionHandler(NextcloudCallException.class)
    public String nextcloudUnavailable(NextcloudCallException problem, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_GATEWAY);
        model.addAttribute("title", "Nextcloud is not reachable");
        model.addAttribute("message", problem.getMessage() + ". Please try again in a moment.");
        return "provision-message";
    }
}
