package org.ncmcp.resource.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/** RS-14: tokens never reach the logs, even with security and our own logging at their most verbose. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.org.springframework.security=TRACE",
        "logging.level.org.ncmcp=TRACE", "logging.level.io.modelcontextprotocol=DEBUG"})
class TokenLoggingTest extends MultiUserServerTest {

    private static final List<String> VERBOSE = List.of("org.springframework.security", "org.ncmcp",
            "io.modelcontextprotocol");

    @AfterAll
    static void quietAgain() {
        LoggingSystem logging = LoggingSystem.get(TokenLoggingTest.class.getClassLoader());
        VERBOSE.forEach(name -> logging.setLogLevel(name, null));
    }

    @Test
    @DisplayName("RS-14 accepted, rejected and under-scoped tokens are not logged")
    void tokensAreNotLogged(CapturedOutput output) {
        String valid = broker.token(RESOURCE).mint();
        String expired = broker.token(RESOURCE).claim("iat", Instant.now().minusSeconds(600))
                .claim("nbf", Instant.now().minusSeconds(600)).claim("exp", Instant.now().minusSeconds(300)).mint();
        String wrongAudience = broker.token("https://other.example.com/mcp").mint();

        assertThat(postWithToken(valid, PING).statusCode()).isEqualTo(200);
        assertThat(postWithToken(valid, toolCall("nc_notes_get_note", "{\"noteId\":1}")).statusCode()).isEqualTo(200);
        assertThat(postWithToken(valid, toolCall("nc_notes_delete_note", "{\"noteId\":1}")).statusCode())
                .isEqualTo(403);
        assertThat(postWithToken(expired, PING).statusCode()).isEqualTo(401);
        assertThat(postWithToken(wrongAudience, PING).statusCode()).isEqualTo(401);
        String inQuery = broker.token(RESOURCE).mint();
        assertThat(post("/mcp?access_token=" + inQuery, PING).statusCode()).isEqualTo(401);

        assertThat(output.getAll()).as("verbose logging is really on").contains("BearerTokenAuthenticationFilter");
        for (String token : List.of(valid, expired, wrongAudience, inQuery)) {
            // The signature is the secret part; the header and payload are not secret but still never logged.
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(output.getAll()).doesNotContain(signature).doesNotContain(token.substring(0, 40));
        }
    }
}
