package org.ncmcp.e2e.simulator.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The app's redirect URI rules (RedirectUriService): what an admin may register, and what then matches. */
class RedirectUrisTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            // no port in the pattern: any port, which is how the broker's loopback callback is registered
            "http://127.0.0.1:54321/login/oauth2/code/upstream, http://127.0.0.1/login/oauth2/code/upstream, true",
            "http://127.0.0.1/login/oauth2/code/upstream, http://127.0.0.1/login/oauth2/code/upstream, true",
            "http://127.0.0.1:54321/login/oauth2/code/upstream/, http://127.0.0.1/login/oauth2/code/upstream, false",
            "http://127.0.0.1:54321/other, http://127.0.0.1/login/oauth2/code/upstream, false",
            "https://127.0.0.1:54321/login/oauth2/code/upstream, http://127.0.0.1/login/oauth2/code/upstream, false",
            "http://localhost:54321/login/oauth2/code/upstream, http://127.0.0.1/login/oauth2/code/upstream, false",
            // explicit ports, defaults, wildcards
            "http://127.0.0.1:8080/cb, http://127.0.0.1:8080/cb, true",
            "http://127.0.0.1:8081/cb, http://127.0.0.1:8080/cb, false",
            "http://example.com/cb, http://example.com:80/cb, true",
            "http://localhost:3000/cb, http://localhost:*/cb, true",
            "https://app.example.com/callback/x/y, https://app.example.com/callback/*, true",
            "https://app.example.com/callbackx, https://app.example.com/callback/*, false",
            // case of host and scheme does not matter, runs of slashes collapse, the query is part of the path
            "HTTP://App.Example.com//cb, http://app.example.com/cb, true",
            "https://app.example.com/cb?x=1, https://app.example.com/cb, false",
            "com.example.app:///oauth, com.example.app:///oauth, true",
    })
    void matching(String concrete, String pattern, boolean matches) {
        assertThat(RedirectUris.matches(concrete, pattern)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "http://127.0.0.1:*/cb, Wildcard port only allowed for localhost",
            "https://*.example.com/cb, Not allowed to use subdomain wildcards",
            "https://app.example.com/a*/cb, Wildcard only allowed at the end of the path",
            "ftp://localhost:*/cb, Invalid or missing scheme for localhost",
            "not a uri, Could not parse URL or missing host",
    })
    void refusedForAdministratorsToo(String uri, String reason) {
        assertThatThrownBy(() -> RedirectUris.validate(uri)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1/login/oauth2/code/upstream", "http://localhost:*/cb", "https://app.example.com/cb/*",
            "com.example.app:///oauth"})
    void accepted(String uri) {
        RedirectUris.validate(uri);
    }
}
