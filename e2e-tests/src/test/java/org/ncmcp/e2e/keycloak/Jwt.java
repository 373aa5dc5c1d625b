package org.ncmcp.e2e.keycloak;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading a JWT's claims in tests. Nothing here verifies a signature: that is the job of the code under test. */
public final class Jwt {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Jwt() {
    }

    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT (" + parts.length + " parts)");
        }
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** The {@code aud} claim as a list, whether Keycloak wrote a string or an array (or nothing). */
    public static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        List<String> audiences = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> audiences.add(a.asString()));
        } else if (aud.isString()) {
            audiences.add(aud.asString());
        }
        return audiences;
    }
}
