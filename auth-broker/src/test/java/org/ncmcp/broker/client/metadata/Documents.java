package org.ncmcp.broker.client.metadata;

import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Test documents and settings. */
final class Documents {

    static final String JSON = "application/json";

    private Documents() {
    }

    /** A valid public-client document for {@code clientId}. */
    static String valid(String clientId) {
        return """
                {"client_id": "%s",
                 "client_name": "Example MCP Client",
                 "client_uri": "https://app.example.com",
                 "logo_uri": "https://app.example.com/logo.png",
                 "redirect_uris": ["https://app.example.com/callback", "http://127.0.0.1/callback"],
                 "grant_types": ["authorization_code", "refresh_token"],
                 "response_types": ["code"],
                 "token_endpoint_auth_method": "none",
                 "scope": "notes:read notes:write"}
                """.formatted(clientId);
    }

    /** Settings with the given hosts allow-listed and cache bounds; everything else default. */
    static CimdProperties properties(List<String> allowedHosts, Duration minTtl, Duration maxTtl) {
        return new CimdProperties(true, allowedHosts, Duration.ofSeconds(5), DataSize.ofKilobytes(5), minTtl, maxTtl,
                Duration.ofSeconds(10), 1000, false);
    }

    static CimdProperties loopbackAllowed() {
        return properties(List.of("127.0.0.1"), Duration.ofSeconds(60), Duration.ofHours(24));
    }
}
