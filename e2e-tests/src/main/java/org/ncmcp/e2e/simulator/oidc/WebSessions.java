package org.ncmcp.e2e.simulator.oidc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ncmcp.e2e.simulator.http.SimExchange;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/**
 * Nextcloud browser sessions: a cookie named after the instance id, holding who is logged in, the CSRF request
 * token of the login form, login messages, and the oidc app's pending authorization parameters.
 */
final class WebSessions {

    /** Nextcloud names the session cookie after its instance id ({@code oc} + 10 characters). */
    static final String COOKIE = "ocsimulator0";

    /** One browser's session; fields are guarded by the session's monitor. */
    static final class Session {
        final String id;
        String userId;
        String loginName;
        long loggedInAt;
        String requestToken;
        String loginMessage;
        /** The oidc app's {@code oidc_*} session values: authorization parameters kept across the login. */
        final Map<String, String> oidc = new LinkedHashMap<>();
        boolean oidcLoginPending;
        Long oidcAuthTime;

        Session(String id) {
            this.id = id;
        }

        synchronized boolean loggedIn() {
            return userId != null;
        }

        /** {@code IUserSession::logout}: the session stays, the user and the oidc auth time go. */
        synchronized void logout() {
            userId = null;
            loginName = null;
            oidcAuthTime = null;
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** The browser's session, if its cookie names a live one. */
    Session find(SimExchange exchange) {
        String id = cookie(exchange.header("Cookie"));
        return id == null ? null : sessions.get(id);
    }

    /** The browser's session, starting one (and setting its cookie) when there is none. */
    Session findOrStart(SimExchange exchange) {
        Session session = find(exchange);
        if (session == null) {
            session = new Session(SimulatorState.randomToken(32));
            sessions.put(session.id, session);
            exchange.setHeader("Set-Cookie", COOKIE + "=" + session.id + "; path=/; HttpOnly; SameSite=Lax");
        }
        return session;
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }
}
