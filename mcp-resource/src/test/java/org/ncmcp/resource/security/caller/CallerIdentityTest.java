package org.ncmcp.resource.security.caller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.ncmcp.model.scope.ScopeSet;

class CallerIdentityTest {

    @Test
    @DisplayName("the scope claim is read as a space-separated string or a list; unknown scopes grant nothing")
    void scopesAreReadTolerantly() {
        assertThat(CallerIdentity.scopes("notes:read  calendar:write")).isEqualTo(
                ScopeSet.parse("notes:read calendar:write"));
        assertThat(CallerIdentity.scopes(List.of("notes:write", "offline_access"))).isEqualTo(
                ScopeSet.parse("notes:write"));
        assertThat(CallerIdentity.scopes("openid")).isEqualTo(ScopeSet.empty());
        assertThat(CallerIdentity.scopes(null)).isEqualTo(ScopeSet.empty());
    }

    @Test
    @DisplayName("RS-14 the access token is never printed")
    void tokenIsRedacted() {
        CallerIdentity caller = new CallerIdentity("sub-1", "alice", "client", ScopeSet.parse("notes:read"),
                "eyJ.secret.token");
        assertThat(caller.toString()).contains("alice").doesNotContain("eyJ.secret.token");
    }
}
