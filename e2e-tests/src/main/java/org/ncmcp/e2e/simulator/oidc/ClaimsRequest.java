package org.ncmcp.e2e.simulator.oidc;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OIDC {@code claims} authorization parameter as the app understands it: per section ({@code id_token},
 * {@code userinfo}) a claim name maps to null or to {@code {essential, value, values}}. It matters because ID tokens
 * from the token endpoint carry profile and email claims only when asked for this way (or when the admin set
 * {@code always_include_scope_claims}).
 */
final class ClaimsRequest {

    static final ClaimsRequest NONE = new ClaimsRequest(Map.of(), Map.of());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, JsonNode> idToken;
    private final Map<String, JsonNode> userinfo;

    private ClaimsRequest(Map<String, JsonNode> idToken, Map<String, JsonNode> userinfo) {
        this.idToken = idToken;
        this.userinfo = userinfo;
    }

    /** Parses the parameter; {@link IllegalArgumentException} where the app answers {@code invalid_request}. */
    static ClaimsRequest parse(String claims) {
        if (claims == null || claims.isBlank()) {
            return NONE;
        }
        JsonNode root;
        try {
            root = JSON.readTree(claims);
        } catch (JacksonException malformed) {
            throw new IllegalArgumentException("claims must be valid JSON object");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("claims must be valid JSON object");
        }
        return new ClaimsRequest(section(root, "id_token"), section(root, "userinfo"));
    }

    private static Map<String, JsonNode> section(JsonNode root, String name) {
        Map<String, JsonNode> requested = new LinkedHashMap<>();
        if (!root.has(name)) {
            return requested;
        }
        JsonNode section = root.get(name);
        if (!section.isObject()) {
            throw new IllegalArgumentException(name + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> claim : section.properties()) {
            JsonNode request = claim.getValue();
            if (claim.getKey().isEmpty()) {
                throw new IllegalArgumentException(name + " contains an empty claim name");
            }
            if (!request.isNull() && !request.isObject()) {
                throw new IllegalArgumentException(name + "." + claim.getKey() + " must be null or a JSON object");
            }
            if (request.isObject() && request.has("essential") && !request.get("essential").isBoolean()) {
                throw new IllegalArgumentException(name + "." + claim.getKey() + ".essential must be a boolean");
            }
            if (request.isObject() && request.has("values") && !request.get("values").isArray()) {
                throw new IllegalArgumentException(name + "." + claim.getKey() + ".values must be a JSON array");
            }
            requested.put(claim.getKey(), request.isNull() ? null : request);
        }
        return requested;
    }

    Section idToken() {
        return new Section(idToken);
    }

    Section userinfo() {
        return new Section(userinfo);
    }

    /** The claims one section asks for. */
    static final class Section {
        private final Map<String, JsonNode> requested;

        Section(Map<String, JsonNode> requested) {
            this.requested = requested;
        }

        boolean has(String claim) {
            return requested.containsKey(claim);
        }

        boolean hasAny(Collection<String> claims) {
            return claims.stream().anyMatch(requested::containsKey);
        }

        /** Requested, and the value satisfies a {@code value}/{@code values} constraint if there is one. */
        boolean matches(String claim, Object value) {
            if (!requested.containsKey(claim)) {
                return false;
            }
            JsonNode request = requested.get(claim);
            if (request == null) {
                return true;
            }
            JsonNode actual = JSON.valueToTree(value);
            if (request.has("value") && !request.get("value").equals(actual)) {
                return false;
            }
            if (request.has("values")) {
                for (JsonNode allowed : request.get("values")) {
                    if (allowed.equals(actual)) {
                        return true;
                    }
                }
                return false;
            }
            return true;
        }

        /** All of {@code claims} when included by scope, else only those requested (and matching). */
        Map<String, Object> filter(Map<String, Object> claims, boolean byScope) {
            if (byScope) {
                return claims;
            }
            Map<String, Object> kept = new LinkedHashMap<>();
            claims.forEach((name, value) -> {
                if (matches(name, value)) {
                    kept.put(name, value);
                }
            });
            return kept;
        }
    }
}
