package org.ncmcp.broker.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;

/**
 * Redirect URI rules. Matching is exact string comparison, except that a loopback http redirect may
 * use any port (RFC 8252 §7.3: native apps pick an ephemeral port at run time). Registration accepts
 * only https or loopback http redirects without fragments.
 */
public final class RedirectUris {

    private RedirectUris() {
    }

    /** True when {@code requested} is one of {@code registered}, under the loopback-port rule. */
    public static boolean matches(String requested, Collection<String> registered) {
        if (requested == null) {
            return false;
        }
        for (String candidate : registered) {
            if (candidate.equals(requested)) {
                return true;
            }
            if (sameExceptLoopbackPort(candidate, requested)) {
                return true;
            }
        }
        return false;
    }

    /** Why a redirect URI may not be registered, or null when it may. */
    public static String registrationProblem(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException | NullPointerException e) {
            return "redirect_uri '" + value + "' is not a valid URI";
        }
        if (uri.getRawFragment() != null) {
            return "redirect_uri '" + value + "' must not contain a fragment";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            return "redirect_uri '" + value + "' must be an absolute URI with a host and no user info";
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            return null;
        }
        if ("http".equals(scheme) && isLoopback(uri.getHost())) {
            return null;
        }
        return "redirect_uri '" + value + "' must use https, or http on a loopback address (127.0.0.1, [::1], localhost)";
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("[0:0:0:0:0:0:0:1]") || h.startsWith("127.")
                && h.chars().filter(c -> c == '.').count() == 3 && h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static boolean sameExceptLoopbackPort(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            return "http".equals(a.getScheme()) && "http".equals(b.getScheme()) && isLoopback(a.getHost())
                    && Objects.equals(a.getHost(), b.getHost()) && Objects.equals(a.getRawPath(), b.getRawPath())
                    && Objects.equals(a.getRawQuery(), b.getRawQuery()) && a.getRawFragment() == null
                    && b.getRawFragment() == null && a.getRawUserInfo() == null && b.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
