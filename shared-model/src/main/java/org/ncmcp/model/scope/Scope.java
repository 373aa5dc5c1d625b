package org.ncmcp.model.scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One OAuth scope of the catalogue, such as {@code notes:read}. Scopes are what we enforce, because
 * Nextcloud app passwords have none of their own: they grant everything the user can do.
 */
public record Scope(NextcloudApp app, Access access) implements Comparable<Scope> {

    private static final List<Scope> CATALOGUE;
    /** Scope strings to scopes: tokens are parsed on every request, in both services. */
    private static final Map<String, Scope> BY_VALUE;

    static {
        List<Scope> all = new ArrayList<>();
        Map<String, Scope> byValue = new HashMap<>();
        for (NextcloudApp app : NextcloudApp.values()) {
            for (Access access : Access.values()) {
                Scope scope = new Scope(app, access);
                all.add(scope);
                byValue.put(scope.value(), scope);
            }
        }
        CATALOGUE = Collections.unmodifiableList(all);
        BY_VALUE = Map.copyOf(byValue);
    }

    public Scope {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(access, "access");
    }

    public static Scope read(NextcloudApp app) {
        return new Scope(app, Access.READ);
    }

    public static Scope write(NextcloudApp app) {
        return new Scope(app, Access.WRITE);
    }

    /** Every scope we know, in catalogue order (app, then read before write). */
    public static List<Scope> catalogue() {
        return CATALOGUE;
    }

    /** Every valid scope string, for error messages and metadata ({@code scopes_supported}). */
    public static List<String> validValues() {
        return CATALOGUE.stream().map(Scope::value).toList();
    }

    /** Parses one scope token; an unknown token is an {@link UnknownScopeException} naming the valid ones. */
    public static Scope parse(String token) {
        return tryParse(token).orElseThrow(() -> new UnknownScopeException(List.of(String.valueOf(token))));
    }

    public static Optional<Scope> tryParse(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(BY_VALUE.get(token));
    }

    /** The scope string, e.g. {@code calendar:write}. */
    public String value() {
        return app.id() + ":" + access.id();
    }

    /** True when holding this scope is enough for {@code required}: the same scope, or write for read. */
    public boolean implies(Scope required) {
        return app == required.app && (access == required.access || access == Access.WRITE);
    }

    @Override
    public int compareTo(Scope other) {
        int byApp = app.compareTo(other.app);
        return byApp != 0 ? byApp : access.compareTo(other.access);
    }

    @Override
    public String toString() {
        return value();
    }
}
