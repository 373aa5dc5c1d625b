package org.ncmcp.e2e.simulator.loginflow;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.state.SimulatorUser;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Login Flow v2 (nextcloud-api.md §1.6; server {@code ClientFlowLoginV2Controller}, {@code LoginFlowV2Service}):
 * init hands out a 128-character poll token and a login URL built from the request host; the user logs
 * in and grants access in real HTML pages; polling answers 200 with the app password exactly once and
 * 404 {@code []} otherwise — pending, unknown, consumed or expired (1200 s, on the injected clock).
 */
public final class LoginFlowV2 {

    static final Duration LIFETIME = Duration.ofSeconds(1200);
    private static final String PREFIX = "(?:/index\\.php)?/login/v2";

    private final SimulatorState state;
    private final JsonMapper json;
    private final boolean testHooks;
    private final Map<String, Flow> byPollToken = new ConcurrentHashMap<>();

    /** One flow; mutable fields are guarded by the flow's monitor. */
    private static final class Flow {
        final String pollToken;
        final String loginToken;
        final String clientName;
        final Instant started;
        String stateToken;
        SimulatorUser authenticated;
        String loginName;
        String appPassword;
        String server;

        Flow(String pollToken, String loginToken, String clientName, Instant started) {
            this.pollToken = pollToken;
            this.loginToken = loginToken;
            this.clientName = clientName;
            this.started = started;
        }
    }

    public LoginFlowV2(SimulatorState state, JsonMapper json, boolean testHooks) {
        this.state = state;
        this.json = json;
        this.testHooks = testHooks;
    }

    public void register(Router router) {
        router.on("POST", PREFIX, this::init)
                .on("POST", PREFIX + "/poll", this::poll)
                .on("GET", PREFIX + "/flow/([0-9A-Za-z]+)", this::start)
                .on("GET", PREFIX + "/flow", this::loginPage)
                .on("POST", PREFIX + "/flow", this::login)
                .on("GET", PREFIX + "/grant", this::grantPage)
                .on("POST", PREFIX + "/grant", this::grant)
                .on("POST", PREFIX + "/apptoken", this::appToken);
        if (testHooks) {
            router.on("POST", "/__test/loginflow/([0-9A-Za-z]+)/grant", this::testGrant);
        }
    }

    private void init(SimExchange exchange) throws IOException {
        String base = exchange.requestBaseUrl();
        Flow flow = new Flow(SimulatorState.randomToken(128), SimulatorState.randomToken(128),
                Optional.ofNullable(exchange.header("User-Agent")).orElse("unknown client"), state.clock().instant());
        byPollToken.put(flow.pollToken, flow);
        exchange.sendJson(200, json.writeValueAsString(Map.of(
                "poll", Map.of("token", flow.pollToken, "endpoint", base + "/index.php/login/v2/poll"),
                "login", base + "/index.php/login/v2/flow/" + flow.loginToken)));
    }

    private void poll(SimExchange exchange) throws IOException {
        String token = pollTokenOf(exchange);
        Flow flow = token == null ? null : byPollToken.get(token);
        if (flow != null && expired(flow)) {
            byPollToken.remove(token);
            flow = null;
        }
        if (flow != null) {
            synchronized (flow) {
                // Exactly once: the row is deleted when read.
                if (flow.appPassword != null && byPollToken.remove(token, flow)) {
                    exchange.sendJson(200, json.writeValueAsString(Map.of("server", flow.server,
                            "loginName", flow.loginName, "appPassword", flow.appPassword)));
                    return;
                }
            }
        }
        exchange.sendJson(404, "[]");
    }

    /** The login URL: remembers a state token for this browser and sends it to the login form. */
    private void start(SimExchange exchange) throws IOException {
        Optional<Flow> flow = byLoginToken(exchange.pathGroup(1));
        if (flow.isEmpty()) {
            forbidden(exchange, "Your login token is invalid or has expired");
            return;
        }
        synchronized (flow.get()) {
            flow.get().stateToken = SimulatorState.randomToken(64);
            exchange.redirect("/index.php/login/v2/flow?stateToken=" + flow.get().stateToken);
        }
    }

    private void loginPage(SimExchange exchange) throws IOException {
        Optional<Flow> flow = byStateToken(exchange, exchange.query("stateToken"));
        if (flow.isPresent()) {
            exchange.sendHtml(200, Pages.login(flow.get().clientName, flow.get().stateToken, null));
        }
    }

    private void login(SimExchange exchange) throws IOException {
        Map<String, String> form = exchange.form();
        Optional<Flow> flow = byStateToken(exchange, form.get("stateToken"));
        if (flow.isEmpty()) {
            return;
        }
        Optional<Caller> caller = state.authenticate(form.getOrDefault("user", ""), form.getOrDefault("password", ""));
        if (caller.isEmpty()) {
            exchange.sendHtml(403, Pages.login(flow.get().clientName, flow.get().stateToken, "Wrong login or password."));
            return;
        }
        synchronized (flow.get()) {
            flow.get().authenticated = caller.get().user();
            flow.get().loginName = form.get("user");
        }
        exchange.redirect("/index.php/login/v2/grant?stateToken=" + flow.get().stateToken);
    }

    private void grantPage(SimExchange exchange) throws IOException {
        Optional<Flow> flow = byStateToken(exchange, exchange.query("stateToken"));
        if (flow.isEmpty()) {
            return;
        }
        if (flow.get().authenticated == null) {
            exchange.redirect("/index.php/login/v2/flow?stateToken=" + flow.get().stateToken);
            return;
        }
        exchange.sendHtml(200, Pages.grant(flow.get().clientName, flow.get().authenticated.displayName(),
                flow.get().stateToken));
    }

    private void grant(SimExchange exchange) throws IOException {
        Optional<Flow> flow = byStateToken(exchange, exchange.form().get("stateToken"));
        if (flow.isEmpty()) {
            return;
        }
        synchronized (flow.get()) {
            if (flow.get().authenticated == null) {
                forbidden(exchange, "Access forbidden");
                return;
            }
            complete(flow.get(), flow.get().authenticated, flow.get().loginName, exchange.requestBaseUrl());
        }
        exchange.sendHtml(200, Pages.done(flow.get().clientName));
    }

    /** The alternative to the password: an existing app password of the same login name. */
    private void appToken(SimExchange exchange) throws IOException {
        Map<String, String> fields = fields(exchange);
        Optional<Flow> flow = byStateToken(exchange, fields.get("stateToken"));
        if (flow.isEmpty()) {
            return;
        }
        String user = fields.getOrDefault("user", "");
        String password = fields.getOrDefault("password", "");
        Optional<Caller> caller = state.authenticate(user, password).filter(Caller::usesAppPassword);
        if (caller.isEmpty()) {
            forbidden(exchange, "Invalid app password");
            return;
        }
        synchronized (flow.get()) {
            complete(flow.get(), caller.get().user(), user, exchange.requestBaseUrl());
        }
        exchange.sendHtml(200, Pages.done(flow.get().clientName));
    }

    /** Test hook standing in for the browser: grants the flow as the given user. */
    private void testGrant(SimExchange exchange) throws IOException {
        Optional<Flow> flow = byLoginToken(exchange.pathGroup(1));
        Optional<SimulatorUser> user = state.user(Optional.ofNullable(exchange.query("user")).orElse(""));
        if (flow.isEmpty() || user.isEmpty()) {
            exchange.sendJson(404, "{\"message\":\"no such flow or user\"}");
            return;
        }
        synchronized (flow.get()) {
            complete(flow.get(), user.get(), user.get().loginName(), exchange.requestBaseUrl());
        }
        exchange.sendJson(200, "{\"granted\":true}");
    }

    private void complete(Flow flow, SimulatorUser user, String loginName, String server) {
        if (flow.appPassword == null) {
            flow.appPassword = state.issueAppPassword(user.userId());
            flow.loginName = loginName;
            flow.server = server;
        }
    }

    private Optional<Flow> byLoginToken(String loginToken) {
        return byPollToken.values().stream().filter(flow -> flow.loginToken.equals(loginToken))
                .filter(flow -> !expired(flow)).findFirst();
    }

    /** The state token ties the browser pages to one flow; Nextcloud's messages when it is wrong. */
    private Optional<Flow> byStateToken(SimExchange exchange, String stateToken) throws IOException {
        if (stateToken == null || stateToken.isBlank()) {
            forbidden(exchange, "State token missing");
            return Optional.empty();
        }
        Optional<Flow> flow = byPollToken.values().stream().filter(f -> stateToken.equals(f.stateToken)).findFirst();
        if (flow.isEmpty()) {
            forbidden(exchange, "State token does not match");
            return Optional.empty();
        }
        if (expired(flow.get())) {
            forbidden(exchange, "Your login token is invalid or has expired");
            return Optional.empty();
        }
        return flow;
    }

    private boolean expired(Flow flow) {
        return !state.clock().instant().isBefore(flow.started.plus(LIFETIME));
    }

    private static void forbidden(SimExchange exchange, String message) throws IOException {
        exchange.sendHtml(403, Pages.error(message));
    }

    private String pollTokenOf(SimExchange exchange) throws IOException {
        return fields(exchange).get("token");
    }

    /** Form fields, or the fields of a JSON object body: Nextcloud accepts both. */
    private Map<String, String> fields(SimExchange exchange) throws IOException {
        String contentType = Optional.ofNullable(exchange.header("Content-Type")).orElse("");
        if (contentType.contains("json")) {
            try {
                JsonNode node = json.readTree(exchange.body());
                Map<String, String> values = new java.util.LinkedHashMap<>();
                node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asString("")));
                return values;
            } catch (JacksonException malformed) {
                return Map.of();
            }
        }
        return exchange.form();
    }
}
