package org.ncmcp.broker.account;

import java.security.Principal;
import java.util.Optional;
import org.ncmcp.broker.consent.ConsentController;
import org.ncmcp.broker.login.BrokerUsers;
import org.ncmcp.broker.login.BrokerUsers.BrokerUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /user}: a signed-in person's own Nextcloud connection (status, kind, account, scopes, when) with a
 * Disconnect button. The form carries Spring Security's CSRF token, so another site cannot disconnect anyone.
 */
@Controller
class UserPageController {

    /** One granted scope as the page lists it. */
    record ScopeLine(String value, String description) {
    }

    private final BrokerUsers users;
    private final AccountAccess access;

    UserPageController(BrokerUsers users, AccountAccess access) {
        this.users = users;
        this.access = access;
    }

    @GetMapping("/user")
    String page(Principal principal, Model model, @RequestParam(required = false) String disconnected) {
        Optional<BrokerUser> user = users.find(principal.getName());
        model.addAttribute("disconnected", disconnected != null);
        if (user.isEmpty()) {
            // signed in, but the sign-in was never recorded (cannot happen through the IdP login): nothing to show
            model.addAttribute("access", null);
            return "user";
        }
        AccessView view = access.of(user.get());
        model.addAttribute("access", view);
        model.addAttribute("name", user.get().displayName() == null || user.get().displayName().isBlank()
                ? user.get().nextcloudUserId() : user.get().displayName());
        model.addAttribute("scopes", view.scopes().stream()
                .map(scope -> new ScopeLine(scope, ConsentController.describe(scope))).toList());
        return "user";
    }

    @PostMapping("/user/disconnect")
    String disconnect(Principal principal) {
        users.find(principal.getName()).ifPresent(user -> access.revoke(user, "the user (on /user)"));
        return "redirect:/user?disconnected";
    }
}
