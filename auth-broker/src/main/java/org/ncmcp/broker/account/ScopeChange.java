package org.ncmcp.broker.account;

import java.util.List;

/**
 * A change of a person's granted scopes: either the whole new set ({@code scopes}) or what to {@code add} and
 * {@code remove}, never both.
 */
public record ScopeChange(List<String> scopes, List<String> add, List<String> remove) {
}
