package org.ncmcp.e2e.simulator.oidc;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ncmcp.e2e.simulator.http.Router;
import org.ncmcp.e2e.simulator.state.SimulatorState;

/**
 * Nextcloud's OIDC provider app {@code oidc} (H2CK/oidc 2.0.9; nextcloud-api.md §1.8), playing against the
 * simulator's shared users: people log in on Nextcloud's login page with their login name (or user id) and login
 * password, and {@code sub} and {@code preferred_username} are the Nextcloud user id.
 *
 * <p>The issuer is the simulator's base URL ({@code http://127.0.0.1:<port>}), built from the request's
 * {@code Host} like the app does; endpoints are under {@code /index.php/apps/oidc/}. Tests prepare it through
 * this class (or the {@code /__test/oidc/...} routes when test hooks are on): {@link #addBrokerClient} registers
 * the auth-broker's confidential client for any loopback port.
 */
public final class OidcProvider {

    /** Route prefix: Nextcloud serves apps with and without {@code index.php}. */
    static final String APP = "(?:/index\\.php)?/apps/oidc";

    /**
     * The broker's redirect URI as registered: no port, which the app matches against <em>any</em> port, so
     * {@code http://127.0.0.1:<any port>/login/oauth2/code/upstream} is accepted ({@code 127.0.0.1:*} is refused
     * by the app: port wildcards are for {@code localhost} only).
     */
    public static final String BROKER_REDIRECT_URI = "http://127.0.0.1/login/oauth2/code/upstream";

    final SimulatorState state;
    final OidcSettings settings = new OidcSettings();
    final ClientRegistry clients = new ClientRegistry();
    final TokenStore tokens = new TokenStore();
    final WebSessions sessions = new WebSessions();
    final Signer signer = new Signer();
    final WebLogin logins;
    final TokenFactory factory;
    final Set<String> logoutRedirectUris = ConcurrentHashMap.newKeySet();
    private final RegistrationEndpoint registration = new RegistrationEndpoint(this);
    private final boolean testHooks;

    public OidcProvider(SimulatorState state, boolean testHooks) {
        this.state = state;
        this.testHooks = testHooks;
        this.logins = new WebLogin(state, sessions);
        this.factory = new TokenFactory(state, settings, signer, logins);
    }

    public void register(Router router) {
        logins.register(router);
        new DiscoveryEndpoint(this).register(router);
        new AuthorizeEndpoint(this).register(router);
        new TokenEndpoint(this).register(router);
        new UserInfoEndpoint(this).register(router);
        new IntrospectionEndpoint(this).register(router);
        new LogoutEndpoint(this).register(router);
        registration.register(router);
        if (testHooks) {
            new OidcTestHooks(this).register(router);
        }
    }

    public OidcSettings settings() {
        return settings;
    }

    /** Registers a client as an administrator would; {@link IllegalArgumentException} for what the app refuses. */
    public OidcClient addClient(ClientSpec spec) {
        return clients.add(spec, false, now());
    }

    /** The auth-broker's client: confidential, opaque tokens, redirect {@link #BROKER_REDIRECT_URI} on any port. */
    public OidcClient addBrokerClient(String clientId, String secret) {
        return addClient(ClientSpec.confidential(clientId, secret, BROKER_REDIRECT_URI).withName("nextcloud-mcp auth-broker"));
    }

    public Optional<OidcClient> client(String clientId) {
        return clients.byClientId(clientId);
    }

    /** The next {@code count} calls to {@code POST register} answer 429 (as Nextcloud's rate limiter does). */
    public void throttleNextRegistrations(int count) {
        registration.throttleNext(count);
    }

    /** What the user's "revoke" in the personal settings does: later refreshes fail with {@code invalid_grant}. */
    public boolean revokeConsent(String userId, String clientId) {
        return clients.byClientId(clientId).map(c -> tokens.revokeConsent(userId, c.uid())).orElse(false);
    }

    /** An admin-registered post-logout redirect URI (matched exactly). */
    public void addLogoutRedirectUri(String uri) {
        logoutRedirectUris.add(uri);
    }

    int pendingRegistrationThrottles() {
        return registration.pendingThrottles();
    }

    long now() {
        return state.clock().instant().getEpochSecond();
    }

    void cleanUpClients() {
        clients.cleanUp(now(), settings.clientExpireTime(), tokens::deleteConsentsOfClient);
    }
}
