package org.ncmcp.e2e.simulator.oidc;

/**
 * The oidc app's admin settings (its appconfig), changeable while the simulator runs. Defaults are the app's
 * ({@code Application.php}), with one exception: dynamic client registration starts <em>enabled</em>, because
 * the broker's DCR-proxy mode needs it; {@code dynamicClientRegistration(false)} restores the app's default.
 */
public final class OidcSettings {

    /** How {@code /.well-known/openid-configuration} (outside {@code index.php}) is served by the web server. */
    public enum WellKnown {
        /** Nextcloud's nginx configuration: 301 to {@code /index.php/.well-known/openid-configuration}. */
        NGINX_REDIRECT,
        /** Nextcloud's Apache {@code .htaccess}: rewritten internally, so answered directly. */
        APACHE_REWRITE,
        /** A web server not configured for it: 404, as the app's README warns. */
        NOT_CONFIGURED
    }

    private volatile boolean dynamicClientRegistration = true;
    private volatile long expireTime = 900;
    private volatile long refreshExpireTime = 900;
    private volatile boolean refreshNeverExpires;
    private volatile long clientExpireTime = 3600;
    private volatile String defaultTokenType = "opaque";
    private volatile boolean provideRefreshTokenAlways;
    private volatile boolean alwaysIncludeScopeClaims;
    private volatile boolean overwriteEmailVerified;
    private volatile boolean disableClientSecretBasic;
    private volatile boolean anonRateLimit = true;
    private volatile WellKnown wellKnown = WellKnown.NGINX_REDIRECT;

    public boolean dynamicClientRegistration() {
        return dynamicClientRegistration;
    }

    public OidcSettings dynamicClientRegistration(boolean enabled) {
        this.dynamicClientRegistration = enabled;
        return this;
    }

    /** {@code expire_time}: access token and authorization code lifetime in seconds (900). */
    public long expireTime() {
        return expireTime;
    }

    public OidcSettings expireTime(long seconds) {
        this.expireTime = seconds;
        return this;
    }

    /** {@code refresh_expire_time} in seconds (900), counted from the access token's expiry, not its issue. */
    public long refreshExpireTime() {
        return refreshExpireTime;
    }

    public OidcSettings refreshExpireTime(long seconds) {
        this.refreshExpireTime = seconds;
        this.refreshNeverExpires = false;
        return this;
    }

    /** {@code refresh_expire_time = never}: no {@code refresh_expires_in} and no refresh expiry. */
    public OidcSettings refreshNeverExpires() {
        this.refreshNeverExpires = true;
        return this;
    }

    public boolean refreshNeverExpiresEnabled() {
        return refreshNeverExpires;
    }

    /** {@code client_expire_time}: lifetime of a dynamically registered client in seconds (3600). */
    public long clientExpireTime() {
        return clientExpireTime;
    }

    public OidcSettings clientExpireTime(long seconds) {
        this.clientExpireTime = seconds;
        return this;
    }

    /** {@code default_token_type} ({@code opaque}): used when DCR asks for neither {@code jwt} nor {@code opaque}. */
    public String defaultTokenType() {
        return defaultTokenType;
    }

    public OidcSettings defaultTokenType(String tokenType) {
        this.defaultTokenType = tokenType;
        return this;
    }

    public boolean provideRefreshTokenAlways() {
        return provideRefreshTokenAlways;
    }

    public OidcSettings provideRefreshTokenAlways(boolean always) {
        this.provideRefreshTokenAlways = always;
        return this;
    }

    /** {@code always_include_scope_claims}: put profile/email claims into ID tokens from the token endpoint too. */
    public boolean alwaysIncludeScopeClaims() {
        return alwaysIncludeScopeClaims;
    }

    public OidcSettings alwaysIncludeScopeClaims(boolean include) {
        this.alwaysIncludeScopeClaims = include;
        return this;
    }

    public boolean overwriteEmailVerified() {
        return overwriteEmailVerified;
    }

    public OidcSettings overwriteEmailVerified(boolean overwrite) {
        this.overwriteEmailVerified = overwrite;
        return this;
    }

    /** Only removes {@code client_secret_basic} from discovery; the token endpoint still accepts it, as in the app. */
    public boolean disableClientSecretBasic() {
        return disableClientSecretBasic;
    }

    public OidcSettings disableClientSecretBasic(boolean disable) {
        this.disableClientSecretBasic = disable;
        return this;
    }

    /** Nextcloud's {@code #[AnonRateLimit(limit: 10, period: 60)]} on {@code register}: the 11th call in 60 s is 429. */
    public boolean anonRateLimit() {
        return anonRateLimit;
    }

    public OidcSettings anonRateLimit(boolean enabled) {
        this.anonRateLimit = enabled;
        return this;
    }

    public WellKnown wellKnown() {
        return wellKnown;
    }

    public OidcSettings wellKnown(WellKnown mode) {
        this.wellKnown = mode;
        return this;
    }
}
