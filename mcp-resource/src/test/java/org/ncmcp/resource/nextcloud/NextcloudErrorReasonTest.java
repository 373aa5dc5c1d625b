package org.ncmcp.resource.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextcloudErrorReasonTest {

    private static Optional<String> reason(String body, String contentType) {
        return NextcloudErrorReason.of(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    @Test
    void theOcsMetaMessageIsTheReason() {
        assertThat(reason("{\"ocs\":{\"meta\":{\"status\":\"failure\",\"statuscode\":400,"
                + "\"message\":\"Expiration date is in the past\"},\"data\":[]}}", "application/json"))
                .contains("Expiration date is in the past");
    }

    @Test
    void anAppsJsonMessageOrBareStringIsTheReason() {
        assertThat(reason("{\"message\":\"Mandatory column \\\"Name\\\" cannot be empty.\"}", "application/json"))
                .contains("Mandatory column \"Name\" cannot be empty.");
        assertThat(reason("{\"status\":400,\"message\":\"title must be provided\"}", null))
                .contains("title must be provided");
        assertThat(reason("\"Field \\\"url\\\" is required\"", "application/json")).contains("Field \"url\" is required");
    }

    @Test
    void plainTextAndOcsXmlCountButHtmlPagesAndEmptyBodiesDoNot() {
        assertThat(reason("Invalid date", "text/plain; charset=utf-8")).contains("Invalid date");
        assertThat(reason("<?xml version=\"1.0\"?><ocs><meta><statuscode>400</statuscode>"
                + "<message>Wrong &amp; missing</message></meta></ocs>", "application/xml")).contains("Wrong & missing");
        assertThat(reason("<html><body><p>Bad request</p></body></html>", "text/html")).isEmpty();
        assertThat(reason("", "application/json")).isEmpty();
        assertThat(reason("{\"data\":[]}", "application/json")).isEmpty();
        assertThat(reason("{broken", "application/json")).isEmpty();
    }

    @Test
    void controlCharactersAreRemovedAndLongReasonsCut() {
        assertThat(reason("{\"message\":\"line one\\r\\nline two\\u0007\\u202e end\"}", "application/json"))
                .contains("line one line two end");
        String long400 = "x".repeat(400);
        String cut = reason("{\"message\":\"" + long400 + "\"}", "application/json").orElseThrow();
        assertThat(cut).hasSize(NextcloudErrorReason.MAX_LENGTH).endsWith("…");
    }
}
