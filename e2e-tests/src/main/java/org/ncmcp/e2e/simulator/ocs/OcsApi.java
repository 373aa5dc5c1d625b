package org.ncmcp.e2e.simulator.ocs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.Caller;
import org.ncmcp.e2e.simulator.state.SimulatorState;
import org.ncmcp.e2e.simulator.state.SimulatorUser;

/**
 * The OCS endpoints of the core server the project uses: capabilities, the current user, and the
 * app-password endpoints (nextcloud-api.md §1.7, §1.9). Both {@code /ocs/v1.php} and {@code /ocs/v2.php}.
 */
public final class OcsApi {

    private static final String PREFIX = "/ocs/(v1|v2)\\.php";

    private final SimulatorState state;
    private final OcsEnvelope envelope;

    public OcsApi(SimulatorState state, OcsEnvelope envelope) {
        this.state = state;
        this.envelope = envelope;
    }

    public void register(Router router) {
        router.on("GET", PREFIX + "/cloud/capabilities", this::capabilities)
                .on("GET", PREFIX + "/cloud/user", this::currentUser)
                .on("GET", PREFIX + "/core/getapppassword", this::getAppPassword)
                .on("POST", PREFIX + "/core/apppassword/rotate", this::rotateAppPassword)
                .on("DELETE", PREFIX + "/core/apppassword", this::deleteAppPassword)
                .on("GET", PREFIX + "/.*", this::unknown)
                .on("POST", PREFIX + "/.*", this::unknown)
                .on("PUT", PREFIX + "/.*", this::unknown)
                .on("DELETE", PREFIX + "/.*", this::unknown);
    }

    private static boolean v2(SimExchange exchange) {
        return "v2".equals(exchange.pathGroup(1));
    }

    /**
     * Authenticates an OCS call. Without {@code OCS-APIRequest: true} Nextcloud's CSRF check fails for
     * non-session calls, which surfaces as 997 (nextcloud-api.md §1.1).
     */
    private Optional<Caller> authenticate(SimExchange exchange) throws IOException {
        Optional<Caller> caller = state.authenticateHeader(exchange.header("Authorization"));
        if (caller.isEmpty() || !"true".equalsIgnoreCase(exchange.header("OCS-APIRequest"))) {
            envelope.failure(exchange, v2(exchange), 997, "Current user is not logged in");
            return Optional.empty();
        }
        return caller;
    }

    private void capabilities(SimExchange exchange) throws IOException {
        // Capabilities are public in Nextcloud, but our clients always call them authenticated.
        if (exchange.header("Authorization") != null && authenticate(exchange).isEmpty()) {
            return;
        }
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("major", 31);
        version.put("minor", 0);
        version.put("micro", 5);
        version.put("string", "31.0.5");
        version.put("edition", "");
        version.put("extendedSupport", false);
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("core", Map.of("pollinterval", 60, "webdav-root", "remote.php/webdav",
                "reference-api", true, "mod-rewrite-working", false));
        capabilities.put("dav", Map.of("chunking", "1.0", "bulkupload", "1.0"));
        capabilities.put("files", Map.of("bigfilechunking", true, "undelete", true, "versioning", true));
        capabilities.put("notes", Map.of("api_version", List.of("0.2", "1.x"), "version", "4.x"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("capabilities", capabilities);
        envelope.ok(exchange, v2(exchange), data);
    }

    private void currentUser(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        SimulatorUser user = caller.get().user();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("enabled", true);
        data.put("storageLocation", "/var/www/html/data/" + user.userId());
        data.put("id", user.userId());
        data.put("lastLogin", state.clock().millis());
        data.put("backend", "Database");
        data.put("subadmin", List.of());
        data.put("quota", Map.of("free", 10_737_418_240L, "used", 0, "total", 10_737_418_240L, "relative", 0,
                "quota", -3));
        data.put("email", user.email());
        data.put("displayname", user.displayName());
        data.put("display-name", user.displayName());
        data.put("phone", "");
        data.put("address", "");
        data.put("website", "");
        data.put("twitter", "");
        data.put("groups", List.of("users"));
        data.put("language", "en");
        data.put("locale", "");
        data.put("backendCapabilities", Map.of("setDisplayName", true, "setPassword", true));
        envelope.ok(exchange, v2(exchange), data);
    }

    /** Needs the login password: "You cannot request an new apppassword with an apppassword". */
    private void getAppPassword(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        if (caller.get().usesAppPassword()) {
            envelope.failure(exchange, v2(exchange), 403, "You cannot request an new apppassword with an apppassword");
            return;
        }
        envelope.ok(exchange, v2(exchange), Map.of("apppassword", state.issueAppPassword(caller.get().user().userId())));
    }

    private void rotateAppPassword(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        if (!caller.get().usesAppPassword()) {
            envelope.failure(exchange, v2(exchange), 403, "no app password in use");
            return;
        }
        String fresh = state.issueAppPassword(caller.get().user().userId());
        state.revokeAppPassword(caller.get().appPassword());
        envelope.ok(exchange, v2(exchange), Map.of("apppassword", fresh));
    }

    /** Deleting the app password in use; repeating it with the same credentials is then a 401. */
    private void deleteAppPassword(SimExchange exchange) throws IOException {
        Optional<Caller> caller = authenticate(exchange);
        if (caller.isEmpty()) {
            return;
        }
        if (!caller.get().usesAppPassword()) {
            envelope.failure(exchange, v2(exchange), 403, "no app password in use");
            return;
        }
        state.revokeAppPassword(caller.get().appPassword());
        envelope.ok(exchange, v2(exchange), List.of());
    }

    private void unknown(SimExchange exchange) throws IOException {
        if (authenticate(exchange).isPresent()) {
            envelope.failure(exchange, v2(exchange), 998, "Invalid query, please check the syntax. API specifications"
                    + " are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.");
        }
    }
}
