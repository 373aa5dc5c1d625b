package org.ncmcp.resource.nextcloud;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unwraps the OCS envelope {@code {"ocs":{"meta":…,"data":…}}} (nextcloud-api.md §1.1). OCS v1 answers
 * HTTP 200 even for failures, so the meta status code is checked too.
 */
public final class OcsResponses {

    private OcsResponses() {
    }

    public static JsonNode data(JsonMapper json, NextcloudResponse response) {
        JsonNode root;
        try {
            root = json.readTree(response.body());
        } catch (JacksonException unreadable) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's OCS API answered with something"
                    + " that is not JSON.", unreadable);
        }
        JsonNode ocs = root.path("ocs");
        if (ocs.isMissingNode()) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's OCS API answered without the OCS"
                    + " envelope.");
        }
        int code = ocs.path("meta").path("statuscode").asInt(response.status());
        // v1 reports success as 100, v2 as 200; anything else is a failure whatever the HTTP status said.
        if (code != 100 && (code < 200 || code >= 300)) {
            String message = NextcloudErrorReason.sanitise(ocs.path("meta").path("message").asString(""));
            throw new NextcloudProtocolException(response.status(), "Nextcloud's OCS API reported failure "
                    + code + (message.isBlank() ? "" : ": " + message) + ".");
        }
        return ocs.path("data");
    }
}
