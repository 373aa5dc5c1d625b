package org.ncmcp.e2e.simulator.oidc;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oidc app's redirect URI rules ({@code lib/Service/RedirectUriService.php}), re-implemented.
 *
 * <p>Registered URIs may carry wildcards: {@code localhost:*} (any port, localhost only), {@code *.example.com}
 * (only when subdomain wildcards are allowed; never here) and a trailing {@code /*} path. Matching quirks kept on
 * purpose: a registered URI <em>without a port accepts any port</em>; the path match is exact (trailing slash
 * significant) and runs of slashes collapse; the concrete URI's query is part of its path.
 */
final class RedirectUris {

    private static final Pattern URI = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#(.*))?$");
    private static final Pattern PATTERN = Pattern.compile("^(?:([a-zA-Z][a-zA-Z0-9+\\-.]*)://)?([^/]*)(/.*)?$");
    private static final Pattern IPV6 = Pattern.compile("^\\[([^\\]]+)\\](?::(.+))?$");

    private RedirectUris() {
    }

    private record Parts(String scheme, String host, String port, String path, String query, String fragment) {
    }

    /** Throws {@link IllegalArgumentException} with the app's reason when the app would refuse to store {@code uri}. */
    static void validate(String uri) {
        String scheme;
        String host;
        String port;
        String path;
        int localhostWildcard = uri.indexOf("localhost:*/");
        if (localhostWildcard >= 0) {
            host = "localhost";
            port = "*";
            path = uri.substring(localhostWildcard + 11);
            if (uri.startsWith("https://")) {
                scheme = "https";
            } else if (uri.startsWith("http://")) {
                scheme = "http";
            } else {
                throw new IllegalArgumentException("Invalid or missing scheme for localhost");
            }
        } else if (uri.contains(":///")) {
            String[] split = uri.split(":///", 2);
            scheme = split[0];
            host = "";
            path = "/" + stripLeadingSlashes(split[1]);
            port = null;
        } else {
            Parts parts = parse(uri);
            if (parts == null) {
                throw new IllegalArgumentException("Could not parse URL or missing host");
            }
            scheme = parts.scheme();
            host = parts.host();
            port = parts.port();
            path = parts.path();
        }
        if (host.isEmpty() && (scheme == null || path.isEmpty())) {
            throw new IllegalArgumentException("Could not parse URL or missing host/path for scheme-only URI");
        }
        if ("localhost".equals(host) && !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("Invalid scheme for localhost, must be http or https");
        }
        if ("*".equals(port) && !"localhost".equals(host)) {
            throw new IllegalArgumentException("Wildcard port only allowed for localhost");
        }
        if (host.startsWith("*.")) {
            // allow_subdomain_wildcards defaults to false
            throw new IllegalArgumentException("Not allowed to use subdomain wildcards");
        }
        if (path.contains("*")) {
            if (!path.endsWith("/*")) {
                throw new IllegalArgumentException("Wildcard only allowed at the end of the path");
            }
            if (!path.substring(0, path.length() - 1).matches("[/a-zA-Z0-9\\-_]*")) {
                throw new IllegalArgumentException("Invalid characters in path before wildcard");
            }
        }
        if (host.contains("*")) {
            throw new IllegalArgumentException("Invalid wildcard position in domain");
        }
    }

    /** Whether the redirect URI of an authorization request matches one registered URI (pattern). */
    static boolean matches(String concreteUri, String pattern) {
        String scheme;
        String host;
        Integer port;
        String path;
        if (concreteUri.contains(":///")) {
            String[] split = concreteUri.split(":///", 2);
            scheme = split[0].toLowerCase(Locale.ROOT);
            host = "";
            port = null;
            path = "/" + stripLeadingSlashes(split[1]);
        } else {
            Parts parts = parse(concreteUri);
            if (parts == null || parts.host().isEmpty()) {
                return false;
            }
            scheme = parts.scheme().toLowerCase(Locale.ROOT);
            host = parts.host().toLowerCase(Locale.ROOT);
            if (parts.port() != null && !parts.port().matches("\\d+")) {
                return false;
            }
            port = parts.port() == null ? null : Integer.valueOf(parts.port());
            path = normalisePath(parts.path().isEmpty() ? "/" : parts.path());
            if (parts.query() != null) {
                path = stripTrailingSlashes(path) + "?" + parts.query();
            }
            if (parts.fragment() != null) {
                path = path + "#" + parts.fragment();
            }
        }

        Matcher m = PATTERN.matcher(pattern);
        if (!m.matches()) {
            return false;
        }
        String patternScheme = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
        String authority = m.group(2).replaceFirst("^.*@", "");
        String patternPath = normalisePath(m.group(3) == null ? "/" : m.group(3));
        String patternHost = authority;
        String patternPort = null;
        Matcher v6 = IPV6.matcher(authority);
        if (v6.matches()) {
            patternHost = v6.group(1);
            patternPort = v6.group(2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                String maybePort = authority.substring(colon + 1);
                if ("*".equals(maybePort) || maybePort.matches("\\d+")) {
                    patternHost = authority.substring(0, colon);
                    patternPort = maybePort;
                }
            }
        }
        patternHost = patternHost.toLowerCase(Locale.ROOT);

        if (patternScheme != null && !patternScheme.equals(scheme)) {
            return false;
        }
        if (!hostMatches(host, patternHost)) {
            return false;
        }
        if (patternPort != null && !"*".equals(patternPort)) {
            if (!patternPort.matches("\\d+")) {
                return false;
            }
            int expected = Integer.parseInt(patternPort);
            boolean defaultPortOk = port == null && (("http".equals(scheme) && expected == 80)
                    || ("https".equals(scheme) && expected == 443));
            if (!defaultPortOk && (port == null || port != expected)) {
                return false;
            }
        }
        // A pattern without a port accepts any port (the app's rule, not RFC 8252's).
        if (patternPath.endsWith("/*")) {
            return path.startsWith(patternPath.substring(0, patternPath.length() - 1));
        }
        return path.equals(patternPath);
    }

    private static boolean hostMatches(String host, String patternHost) {
        if ("*".equals(patternHost)) {
            return true;
        }
        if (patternHost.isEmpty()) {
            return host.isEmpty();
        }
        if (patternHost.startsWith("*.")) {
            String base = patternHost.substring(2);
            if (base.isEmpty() || !host.endsWith("." + base)) {
                return false;
            }
            String prefix = host.substring(0, host.length() - base.length() - 1);
            return !prefix.isEmpty() && prefix.matches("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)*");
        }
        return host.equals(patternHost);
    }

    private static Parts parse(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            return null;
        }
        String authority = m.group(2) == null ? "" : m.group(2).replaceFirst("^.*@", "");
        String host = authority;
        String port = null;
        Matcher v6 = IPV6.matcher(authority);
        if (v6.matches()) {
            host = v6.group(1);
            port = v6.group(2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        return new Parts(m.group(1), host, port, m.group(3), m.group(4), m.group(5));
    }

    private static String normalisePath(String path) {
        return "/" + stripLeadingSlashes(path.replaceAll("/+", "/"));
    }

    private static String stripLeadingSlashes(String text) {
        return text.replaceFirst("^/+", "");
    }

    private static String stripTrailingSlashes(String text) {
        return text.replaceFirst("/+$", "");
    }
}
