package org.ncmcp.resource.apps.sharing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudErrorReason;
import org.ncmcp.resource.nextcloud.NextcloudException;
import org.ncmcp.resource.nextcloud.NextcloudForbiddenException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of the OCS share API of {@code files_sharing} (nextcloud-api.md §1.9). It calls the <b>v1</b> endpoint on
 * purpose: v1 answers HTTP 200 with the OCS status code in the body, so Nextcloud's own reason for a refusal
 * ("Wrong path, file/folder does not exist", "Expiration date is in the past") reaches the person, where v2's HTTP
 * 404/403/400 would be all we learn. Share passwords are sent, never logged, and never parsed back.
 */
public class SharingClient {

    static final String BASE = "/ocs/v1.php/apps/files_sharing/api/v1/shares";

    private final NextcloudHttpClient http;
    private final JsonMapper json;

    public SharingClient(NextcloudHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    /** The caller's own shares, optionally of one path, or (subfiles) of the items directly inside a folder. */
    public List<Share> listShares(String path, boolean subfiles) {
        StringBuilder query = new StringBuilder("?format=json");
        if (path != null) {
            query.append("&path=").append(encode(path));
            if (subfiles) {
                query.append("&subfiles=true");
            }
        }
        return shares(send(NextcloudRequest.get(BASE + query), "list the shares" + of(path)));
    }

    /** Shares others made with the caller (directly or through a group), optionally of one path. */
    public List<Share> listSharedWithMe(String path) {
        String query = "?format=json&shared_with_me=true" + (path == null ? "" : "&path=" + encode(path));
        return shares(send(NextcloudRequest.get(BASE + query), "list the shares with you" + of(path)));
    }

    public Share getShare(String id) {
        JsonNode data = send(NextcloudRequest.get(BASE + "/" + encode(id) + "?format=json"), "read share " + id);
        // GET /shares/{id} answers a one-element list.
        JsonNode share = data.isArray() ? data.path(0) : data;
        if (!share.isObject()) {
            throw new NextcloudNotFoundException(404, "Share " + id + " does not exist (or is not visible to you).");
        }
        return parse(share);
    }

    /**
     * Creates a share. {@code permissions} null lets Nextcloud choose (all for users and groups, read for links);
     * on a file Nextcloud drops create and delete whatever is asked.
     */
    public Share createShare(String path, ShareType type, String shareWith, Integer permissions, String password,
            LocalDate expireDate, String note, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("path", path);
        body.put("shareType", type.code());
        putIfSet(body, "shareWith", shareWith);
        putIfSet(body, "permissions", permissions);
        putIfSet(body, "password", password);
        putIfSet(body, "expireDate", expireDate == null ? null : expireDate.toString());
        putIfSet(body, "note", note);
        putIfSet(body, "label", label);
        NextcloudRequest request = NextcloudRequest.post(BASE + "?format=json")
                .body("application/json", json.writeValueAsBytes(body));
        return parse(send(request, "share '" + path + "'"));
    }

    /**
     * Changes a share. The keys are OCS parameter names ({@code permissions}, {@code password}, {@code expireDate},
     * {@code note}, {@code label}); an empty password or expireDate removes it. Nextcloud's documentation says one
     * parameter per request, but its controller has taken several at once since version 13; we send them together
     * so a change is all or nothing.
     */
    public Share updateShare(String id, Map<String, Object> changes) {
        NextcloudRequest request = NextcloudRequest.put(BASE + "/" + encode(id) + "?format=json")
                .body("application/json", json.writeValueAsBytes(changes));
        JsonNode data = send(request, "update share " + id);
        return parse(data.isArray() ? data.path(0) : data);
    }

    public void deleteShare(String id) {
        send(NextcloudRequest.delete(BASE + "/" + encode(id) + "?format=json"), "delete share " + id);
    }

    /** Sends an OCS v1 call and turns a failure status in the body into the matching exception, with its reason. */
    private JsonNode send(NextcloudRequest request, String what) {
        NextcloudResponse response = http.send(request.header("OCS-APIRequest", "true"));
        JsonNode ocs;
        try {
            ocs = json.readTree(response.body()).path("ocs");
        } catch (JacksonException unreadable) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's share API answered with something"
                    + " that is not JSON when asked to " + what + ".", unreadable);
        }
        if (ocs.isMissingNode()) {
            throw new NextcloudProtocolException(response.status(), "Nextcloud's share API answered without the OCS"
                    + " envelope when asked to " + what + ".");
        }
        int code = ocs.path("meta").path("statuscode").asInt(response.status());
        if (code == 100 || (code >= 200 && code < 300)) {
            return ocs.path("data");
        }
        String reason = NextcloudErrorReason.sanitise(ocs.path("meta").path("message").asString(""));
        String message = "Nextcloud could not " + what + ": " + (reason.isBlank() ? "OCS status " + code : reason)
                + hint(code);
        NextcloudException failure = switch (code) {
            case 404 -> new NextcloudNotFoundException(404, message);
            case 403 -> new NextcloudForbiddenException(403, message);
            case 400 -> new NextcloudBadRequestException(400, message);
            default -> new NextcloudProtocolException(code, message);
        };
        throw failure;
    }

    /** Nextcloud's 403 reasons explain themselves ("already shared", "not allowed to edit incoming shares"). */
    private static String hint(int code) {
        return code == 404 ? ". Check the path or share id (nc_sharing_list_shares lists your shares)." : ".";
    }

    private List<Share> shares(JsonNode data) {
        List<Share> result = new ArrayList<>();
        for (JsonNode node : data) {
            result.add(parse(node));
        }
        return result;
    }

    private static Share parse(JsonNode node) {
        int type = node.path("share_type").asInt(-1);
        // For links Nextcloud puts the password hash into share_with: never take it as a recipient.
        String shareWith = type == ShareType.link.code() ? null : text(node, "share_with");
        String password = text(node, "password");
        return new Share(node.path("id").asString(), type, text(node, "uid_owner"), text(node, "displayname_owner"),
                text(node, "path"), text(node, "item_type"), text(node, "mimetype"), node.path("permissions").asInt(),
                shareWith, type == ShareType.link.code() ? null : text(node, "share_with_displayname"),
                date(text(node, "expiration")), nullToEmpty(text(node, "note")), nullToEmpty(text(node, "label")),
                text(node, "url"), password != null && !password.isEmpty(), node.path("stime").asLong(),
                node.path("can_edit").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    /** {@code expiration} is "YYYY-MM-DD 00:00:00" (server time) or null. */
    private static LocalDate date(String expiration) {
        if (expiration == null || expiration.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(expiration.substring(0, 10));
        } catch (DateTimeParseException unexpected) {
            return null;
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static void putIfSet(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    private static String of(String path) {
        return path == null ? "" : " of '" + path + "'";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
