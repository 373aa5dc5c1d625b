package org.ncmcp.broker.login;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who is an administrator of the broker's admin API: people whose IdP claim holds one of the values, read at
 * each sign-in (so removing the role at the IdP takes effect at the next sign-in).
 *
 * @param claim the ID-token/userinfo claim with roles or groups; a dotted path reaches nested claims
 *     (Keycloak: {@code realm_access.roles}, or a flat {@code roles} mapper; Nextcloud's oidc app: {@code groups})
 * @param values claim values that make a person an administrator
 */
@ConfigurationProperties("broker.admin")
public record AdminProperties(@DefaultValue("roles") String claim,
        @DefaultValue("nextcloud-mcp-admin") List<String> values) {

    /** Whether the claims say the person is an administrator: the claim may be a string or a list of strings. */
    public boolean isAdmin(Map<String, Object> claims) {
        Object value = claims;
        for (String part : claim.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return false;
            }
            value = map.get(part);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).anyMatch(values::contains);
        }
        return value != null && values.contains(String.valueOf(value));
    }
}
