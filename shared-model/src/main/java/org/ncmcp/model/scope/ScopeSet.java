package org.ncmcp.model.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An immutable set of catalogue scopes, as granted to a token or a user. Membership checks honour
 * implication ({@code notes:write} grants {@code notes:read}); the set itself keeps exactly what was
 * given so it formats back to the same string.
 */
public final class ScopeSet implements Iterable<Scope> {

    private static final ScopeSet EMPTY = new ScopeSet(new TreeSet<>());

    private final SortedSet<Scope> scopes;

    private ScopeSet(SortedSet<Scope> scopes) {
        this.scopes = Collections.unmodifiableSortedSet(scopes);
    }

    public static ScopeSet empty() {
        return EMPTY;
    }

    public static ScopeSet of(Scope... scopes) {
        return of(List.of(scopes));
    }

    public static ScopeSet of(Collection<Scope> scopes) {
        return new ScopeSet(new TreeSet<>(scopes));
    }

    /** Every scope in the catalogue: what single-user mode grants. */
    public static ScopeSet all() {
        return of(Scope.catalogue());
    }

    /**
     * Parses an RFC 6749 §3.3 scope string: tokens separated by one or more spaces. A null or blank
     * string is the empty set. Unknown tokens are collected and reported together, with the valid ones.
     */
    public static ScopeSet parse(String scopeString) {
        if (scopeString == null || scopeString.isBlank()) {
            return EMPTY;
        }
        SortedSet<Scope> parsed = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String token : tokens(scopeString, false)) {
            Scope.tryParse(token).ifPresentOrElse(parsed::add, () -> unknown.add(token));
        }
        if (!unknown.isEmpty()) {
            throw new UnknownScopeException(unknown);
        }
        return new ScopeSet(parsed);
    }

    /**
     * The scopes of ours in a token's {@code scope} claim (separated by any whitespace). Others ({@code openid},
     * {@code offline_access}) grant nothing here and are skipped rather than rejected.
     */
    public static ScopeSet ofKnown(String scopeClaim) {
        if (scopeClaim == null || scopeClaim.isBlank()) {
            return EMPTY;
        }
        SortedSet<Scope> known = new TreeSet<>();
        for (String token : tokens(scopeClaim, true)) {
            Scope.tryParse(token).ifPresent(known::add);
        }
        return new ScopeSet(known);
    }

    /** Splits on spaces (or any whitespace) without a regular expression: this runs on every request. */
    private static List<String> tokens(String text, boolean anyWhitespace) {
        List<String> tokens = new ArrayList<>(4);
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean separator = i == text.length() || (anyWhitespace
                    ? Character.isWhitespace(text.charAt(i)) : text.charAt(i) == ' ');
            if (separator && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return tokens;
    }

    /** True when some scope in this set implies {@code required}. */
    public boolean grants(Scope required) {
        for (Scope held : scopes) {
            if (held.implies(required)) {
                return true;
            }
        }
        return false;
    }

    public boolean grantsAll(Collection<Scope> required) {
        return required.stream().allMatch(this::grants);
    }

    /** The scopes of {@code required} that this set does not grant, in catalogue order. */
    public ScopeSet missing(Collection<Scope> required) {
        return of(required.stream().filter(scope -> !grants(scope)).toList());
    }

    /** This set with every implied scope added: {@code notes:write} becomes {@code notes:read notes:write}. */
    public ScopeSet expanded() {
        SortedSet<Scope> result = new TreeSet<>(scopes);
        for (Scope scope : scopes) {
            if (scope.access() == Access.WRITE) {
                result.add(Scope.read(scope.app()));
            }
        }
        return new ScopeSet(result);
    }

    /** What both sets grant: the effective scopes of a token limited by what the user allowed. */
    public ScopeSet intersect(ScopeSet other) {
        return of(expanded().scopes.stream().filter(other::grants).toList());
    }

    public ScopeSet union(ScopeSet other) {
        SortedSet<Scope> result = new TreeSet<>(scopes);
        result.addAll(other.scopes);
        return new ScopeSet(result);
    }

    /** The apps this set reaches at any access level. */
    public Set<NextcloudApp> apps() {
        return scopes.stream().map(Scope::app).collect(Collectors.toCollection(() -> EnumSet.noneOf(NextcloudApp.class)));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }

    public int size() {
        return scopes.size();
    }

    public SortedSet<Scope> asSet() {
        return scopes;
    }

    /** The space-separated scope string, in catalogue order. */
    public String format() {
        return scopes.stream().map(Scope::value).collect(Collectors.joining(" "));
    }

    @Override
    public Iterator<Scope> iterator() {
        return scopes.iterator();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScopeSet set && scopes.equals(set.scopes);
    }

    @Override
    public int hashCode() {
        return scopes.hashCode();
    }

    @Override
    public String toString() {
        return format();
    }
}
