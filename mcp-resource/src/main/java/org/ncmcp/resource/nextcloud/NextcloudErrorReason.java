package org.ncmcp.resource.nextcloud;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reason Nextcloud gives in an error answer, so a person sees why a request was refused: the OCS envelope's
 * {@code ocs.meta.message} (nextcloud-api.md §1.1), the {@code message} of an app's JSON error (Tables, Deck,
 * Cookbook), or a short plain-text body. It is bounded and stripped of control characters, since it ends up in a
 * tool result that a model reads; HTML error pages give no reason.
 */
public final class NextcloudErrorReason {

    /** Longest excerpt kept; Nextcloud's validation messages are one sentence. */
    static final int MAX_LENGTH = 300;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern XML_MESSAGE = Pattern.compile("<message>([^<]*)</message>");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\u2028\\u2029]+");

    private NextcloudErrorReason() {
    }

    /** The reason in {@code body}, sanitised; empty when there is none worth showing. */
    public static Optional<String> of(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        // a reason is short; only the start of a large body is looked at
        String text = new String(body, 0, Math.min(body.length, 16 * 1024), StandardCharsets.UTF_8).trim();
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (text.startsWith("{") || text.startsWith("\"")) {
            return fromJson(text).map(NextcloudErrorReason::sanitise).filter(reason -> !reason.isEmpty());
        }
        if (text.startsWith("<")) {
            Matcher ocs = XML_MESSAGE.matcher(text);
            return type.contains("html") || !ocs.find() ? Optional.empty()
                    : Optional.of(sanitise(unescapeXml(ocs.group(1)))).filter(reason -> !reason.isEmpty());
        }
        return type.isEmpty() || type.startsWith("text/plain")
                ? Optional.of(sanitise(text)).filter(reason -> !reason.isEmpty()) : Optional.empty();
    }

    /** One line without control characters, at most {@link #MAX_LENGTH} characters (an ellipsis marks a cut). */
    public static String sanitise(String reason) {
        String line = CONTROL.matcher(reason).replaceAll(" ").replaceAll("\\s{2,}", " ").trim();
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int cut = MAX_LENGTH - 1;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        return line.substring(0, cut) + "…";
    }

    private static Optional<String> fromJson(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
        if (root.isString()) {
            // Cookbook answers some failures with a bare JSON string
            return Optional.of(root.asString());
        }
        for (JsonNode candidate : new JsonNode[] {root.path("ocs").path("meta").path("message"), root.path("message"),
                root.path("error_description"), root.path("error")}) {
            if (candidate.isString() && !candidate.asString().isBlank()) {
                return Optional.of(candidate.asString());
            }
        }
        return Optional.empty();
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
