package org.ncmcp.resource.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * What a call to Nextcloud authenticates with: an app password (HTTP Basic with the login name) or a
 * bearer token. {@code userId} is the Nextcloud user id used in paths such as
 * {@code /remote.php/dav/files/{userId}}; it can differ from the login name (email logins).
 */
public record NextcloudCredential(Scheme scheme, String userId, String loginName, String secret) {

    public enum Scheme { BASIC, BEARER }

    public NextcloudCredential {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(secret, "secret");
        if (scheme == Scheme.BASIC) {
            Objects.requireNonNull(loginName, "loginName is required for Basic credentials");
        }
    }

    public static NextcloudCredential bearer(String userId, String token) {
        return new NextcloudCredential(Scheme.BEARER, userId, null, token);
    }

    public static NextcloudCredential appPassword(String userId, String loginName, String appPassword) {
        return new NextcloudCredential(Scheme.BASIC, userId, loginName, appPassword);
    }

    /** The value of the {@code Authorization} header. */
    public String authorizationHeader() {
        if (scheme == Scheme.BEARER) {
            return "Bearer " + secret;
        }
        String pair = loginName + ":" + secret;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the secret: records are logged more often than anyone intends. */
    @Override
    public String toString() {
        return "NextcloudCredential[scheme=" + scheme + ", userId=" + userId + ", loginName=" + loginName
                + ", secret=<redacted>]";
    }
}
