package org.ncmcp.model.scope;

import java.util.List;

/** A scope string named one or more scopes that are not in the catalogue. */
public final class UnknownScopeException extends IllegalArgumentException {

    private final List<String> unknown;

    public UnknownScopeException(List<String> unknown) {
        super("Unknown scope" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", quoted(unknown))
                + ". Valid scopes are: " + String.join(" ", Scope.validValues()));
        this.unknown = List.copyOf(unknown);
    }

    /** The tokens that were not recognised, in the order given. */
    public List<String> unknown() {
        return unknown;
    }

    /** Every valid scope, so callers can show them to the user. */
    public List<String> valid() {
        return Scope.validValues();
    }

    private static List<String> quoted(List<String> tokens) {
        return tokens.stream().map(token -> "'" + token + "'").toList();
    }
}
