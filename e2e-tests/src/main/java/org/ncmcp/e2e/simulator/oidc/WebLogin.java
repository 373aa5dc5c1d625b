package org.ncmcp.e2e.simulator.oidc;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.state.SimulatorUser;

/**
 * Nextcloud's own browser login ({@code core/Controller/LoginController}), which the oidc app sends users to:
 * {@code GET /index.php/login?redirect_url=…} shows the form with a CSRF request token; {@code POST} checks the
 * account name (or user id) with the <em>login</em> password (app passwords do not work in the form) and answers
 * 303 to the redirect URL, or 303 back to the form with {@code user}, {@code direct=1} and a message.
 */
final class WebLogin {

    /** Where Nextcloud sends a logged-in user without a redirect URL. */
    static final String DEFAULT_PAGE = "/index.php/apps/dashboard/";
    private static final String PATH = "(?:/index\\.php)?/login";

    private final SimulatorState state;
    private final WebSessions sessions;
    private final Map<String, Long> lastLogin = new ConcurrentHashMap<>();

    WebLogin(SimulatorState state, WebSessions sessions) {
        this.state = state;
        this.sessions = sessions;
    }

    void register(Router router) {
        router.on("GET", PATH, this::showForm).on("POST", PATH, this::tryLogin);
    }

    /** The user's last login (epoch seconds), the {@code updated_at} claim; 0 for never. */
    long lastLogin(String userId) {
        return lastLogin.getOrDefault(userId, 0L);
    }

    private void showForm(SimExchange exchange) throws IOException {
        WebSessions.Session session = sessions.findOrStart(exchange);
        String message;
        String token;
        synchronized (session) {
            if (session.loggedIn()) {
                exchange.redirect(DEFAULT_PAGE);
                return;
            }
            message = session.loginMessage;
            session.loginMessage = null;
            if (session.requestToken == null) {
                session.requestToken = SimulatorState.randomToken(64);
            }
            token = session.requestToken;
        }
        String redirectUrl = exchange.query("redirect_url");
        exchange.sendHtml(200, OidcPages.login(token, redirectUrl == null || redirectUrl.isEmpty() ? null : redirectUrl,
                exchange.query("user"), message));
    }

    private void tryLogin(SimExchange exchange) throws IOException {
        Map<String, String> form = exchange.form();
        String user = form.getOrDefault("user", "");
        String redirectUrl = form.get("redirect_url");
        WebSessions.Session session = sessions.find(exchange);
        boolean csrfPasses = session != null && session.requestToken != null
                && session.requestToken.equals(form.get("requesttoken"));
        if (!csrfPasses) {
            if (session != null && session.loggedIn()) {
                // Logged in in another tab: Nextcloud just continues.
                generateRedirect(exchange, session, redirectUrl);
                return;
            }
            if (session != null) {
                session.logout();
            }
            failed(exchange, user, redirectUrl, "Please try again");
            return;
        }
        Optional<SimulatorUser> account = authenticate(user.trim(), form.getOrDefault("password", ""));
        if (account.isEmpty()) {
            failed(exchange, user, redirectUrl, "Wrong login or password.");
            return;
        }
        long now = state.clock().instant().getEpochSecond();
        synchronized (session) {
            session.userId = account.get().userId();
            session.loginName = user.trim();
            session.loggedInAt = now;
        }
        lastLogin.put(account.get().userId(), now);
        generateRedirect(exchange, session, redirectUrl);
    }

    /** The login name or the user id, with the login password only (LoginController's chain checks the backend). */
    private Optional<SimulatorUser> authenticate(String login, String password) {
        Optional<Caller> caller = state.authenticate(login, password);
        if (caller.isEmpty()) {
            caller = state.user(login).filter(u -> !u.loginName().equals(login))
                    .flatMap(u -> state.authenticate(u.loginName(), password));
        }
        return caller.filter(c -> !c.usesAppPassword()).map(Caller::user);
    }

    private static void generateRedirect(SimExchange exchange, WebSessions.Session session, String redirectUrl)
            throws IOException {
        // Nextcloud refuses redirect URLs containing '@' (?redirect_url=:user@domain.com).
        if (redirectUrl != null && session.loggedIn() && !redirectUrl.contains("@")) {
            exchange.redirect(exchange.requestBaseUrl() + (redirectUrl.startsWith("/") ? "" : "/") + redirectUrl);
        } else {
            exchange.redirect(DEFAULT_PAGE);
        }
    }

    private void failed(SimExchange exchange, String user, String redirectUrl, String message) throws IOException {
        WebSessions.Session session = sessions.findOrStart(exchange);
        synchronized (session) {
            session.loginMessage = message;
        }
        Map<String, String> args = new java.util.LinkedHashMap<>();
        args.put("user", user);
        args.put("direct", "1");
        if (redirectUrl != null) {
            args.put("redirect_url", redirectUrl);
        }
        exchange.redirect("/index.php/login?" + OidcHttp.routeQuery(args));
    }

    /** PHP's urlencode, as http_build_query in Nextcloud's URL generator: {@code +} for spaces, {@code *} escaped. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A");
    }
}
