package org.ncmcp.e2e.simulator.oidc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.e2e.simulator.state.SimulatorUser;

/**
 * The claims the app derives from a Nextcloud account (JwtGenerator, UserInfoController). The simulated accounts
 * have no website, phone, address, groups or quota, so those claims are absent (quota {@code none} is omitted)
 * and {@code roles}/{@code groups} are empty lists.
 */
final class UserClaims {

    static final List<String> PROFILE_CLAIMS = List.of("updated_at", "preferred_username", "name", "family_name",
            "given_name", "middle_name", "website", "phone_number", "address", "picture", "quota");
    static final List<String> EMAIL_CLAIMS = List.of("email", "email_verified");

    private UserClaims() {
    }

    /**
     * The profile claims. The name is split as Nextcloud's CardDAV converter does: a one-word display name becomes
     * the <em>family</em> name; with three or more words the first is given, the last family, the rest middle.
     */
    static Map<String, Object> profile(SimulatorUser user, String issuer, long lastLogin, boolean withPreferredUsername) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("updated_at", lastLogin);
        if (withPreferredUsername) {
            profile.put("preferred_username", user.userId());
        }
        String displayName = user.displayName();
        if (displayName != null && !displayName.isEmpty()) {
            profile.put("name", displayName);
            String[] words = displayName.split(" ", -1);
            String family;
            String given = "";
            String middle = "";
            if (words.length > 2) {
                family = words[words.length - 1];
                given = words[0];
                middle = String.join(" ", List.of(words).subList(1, words.length - 1));
            } else if (words.length == 2) {
                family = words[1];
                given = words[0];
            } else {
                family = words[0];
            }
            putIfNotBlank(profile, "family_name", family);
            putIfNotBlank(profile, "given_name", given);
            putIfNotBlank(profile, "middle_name", middle);
        } else {
            profile.put("name", user.userId());
        }
        profile.put("picture", issuer + "/avatar/" + rawUrlEncode(user.userId()) + "/64");
        return profile;
    }

    static Map<String, Object> email(SimulatorUser user, boolean overwriteVerified) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("email", user.email());
        // Nextcloud marks an admin-set address unverified; the app copies that unless told to overwrite it.
        email.put("email_verified", overwriteVerified);
        return email;
    }

    private static void putIfNotBlank(Map<String, Object> claims, String name, String value) {
        if (!value.isBlank()) {
            claims.put(name, value);
        }
    }

    /** PHP's rawurlencode (RFC 3986): space is %20, {@code ~} stays. */
    static String rawUrlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }
}
