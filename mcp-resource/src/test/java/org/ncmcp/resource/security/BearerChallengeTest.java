package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void descriptionsCannotBreakOutOfTheQuotedString() {
        assertThat(BearerChallenge.clean("bad \"kid\"\\ here\r\nSet-Cookie: x=y"))
                .isEqualTo("bad 'kid'' here  Set-Cookie: x=y");
    }

    @Test
    void libraryPrefixIsDroppedAndLengthCapped() {
        assertThat(BearerChallenge.clean("An error occurred while attempting to decode the Jwt: Jwt expired"))
                .isEqualTo("Jwt expired");
        assertThat(BearerChallenge.clean("x".repeat(1000))).hasSize(300);
    }

    @Test
    void headerListsParametersInOrder() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("resource_metadata", "https://a/.well-known/oauth-protected-resource/mcp");
        parameters.put("scope", "notes:read");
        assertThat(BearerChallenge.header(parameters)).isEqualTo(
                "Bearer resource_metadata=\"https://a/.well-known/oauth-protected-resource/mcp\", scope=\"notes:read\"");
    }
}
