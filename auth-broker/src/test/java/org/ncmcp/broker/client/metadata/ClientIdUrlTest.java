package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientIdUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/client.json", "HTTPS://app.example.com/c", "http://localhost/c"})
    void urlShapedIdsAreRecognised(String id) {
        assertThat(ClientIdUrl.isUrlShaped(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3f2a9c1e-uuid", "mcp-inspector", "urn:example:client", "ftp://x/y"})
    void otherIdsAreNot(String id) {
        assertThat(ClientIdUrl.isUrlShaped(id)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://app.example.com | must contain a path",
            "https://app.example.com/ | must contain a path",
            "https://app.example.com/a/../client.json | must not contain '.' or '..' path segments",
            "https://app.example.com/a/./client.json | must not contain '.' or '..' path segments",
            "https://app.example.com/a/%2E%2e/client.json | must not contain '.' or '..' path segments",
            "https://app.example.com/client.json#x | must not contain a fragment",
            "https://user:pw@app.example.com/client.json | must not contain a user name or password",
            "http://app.example.com/client.json | must use the https scheme",
            "https://app.example.com:0/client.json | uses port 0",
            "https://app example.com/client.json | is not a valid URL",
    })
    void breakingARuleIsRefusedWithTheRule(String id, String rule) {
        assertThatThrownBy(() -> ClientIdUrl.parse(id, List.of()))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/client.json", "https://app.example.com:8443/oauth/client?v=2"})
    void wellFormedUrlsPass(String id) {
        assertThat(ClientIdUrl.parse(id, List.of()).toString()).isEqualTo(id);
    }

    @org.junit.jupiter.api.Test
    void overlongUrlsAreRefused() {
        String id = "https://app.example.com/" + "a".repeat(ClientIdUrl.MAX_LENGTH);
        assertThatThrownBy(() -> ClientIdUrl.parse(id, List.of()))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessage("client_id URL is longer than 500 characters");
    }
}
