package org.ncmcp.e2e.simulator.ocs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ncmcp.e2e.simulator.http.SimExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes OCS responses as Nextcloud does (nextcloud-api.md §1.1, server
 * {@code lib/private/AppFramework/OCS/{Base,V1,V2}Response.php}): v2 maps the OCS status code to the
 * HTTP status (997→401, 998→404, 996/999→500, outside 200..600→400); v1 reports success as 100 and
 * answers HTTP 200 for everything but 997. JSON on {@code Accept: application/json} or
 * {@code format=json}, otherwise XML.
 */
public final class OcsEnvelope {

    private final JsonMapper json;

    public OcsEnvelope(JsonMapper json) {
        this.json = json;
    }

    public void ok(SimExchange exchange, boolean v2, Object data) throws IOException {
        send(exchange, v2, v2 ? 200 : 100, "OK", data);
    }

    public void failure(SimExchange exchange, boolean v2, int statusCode, String message) throws IOException {
        send(exchange, v2, statusCode, message, json.createArrayNode());
    }

    public void send(SimExchange exchange, boolean v2, int statusCode, String message, Object data) throws IOException {
        int httpStatus = v2 ? v2HttpStatus(statusCode) : (statusCode == 997 ? 401 : 200);
        boolean success = statusCode == 100 || (statusCode >= 200 && statusCode < 300);
        ObjectNode meta = json.createObjectNode();
        meta.put("status", success ? "ok" : "failure");
        meta.put("statuscode", statusCode);
        meta.put("message", message);
        if (!v2) {
            meta.put("totalitems", "");
            meta.put("itemsperpage", "");
        }
        ObjectNode ocs = json.createObjectNode();
        ocs.set("meta", meta);
        ocs.set("data", json.valueToTree(data));
        if (httpStatus == 401) {
            exchange.setHeader("WWW-Authenticate", "Basic realm=\"Nextcloud\"");
        }
        if (wantsJson(exchange)) {
            ObjectNode root = json.createObjectNode();
            root.set("ocs", ocs);
            exchange.sendJson(httpStatus, json.writeValueAsString(root));
        } else {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n");
            writeXml(xml, "ocs", ocs);
            exchange.send(httpStatus, "application/xml; charset=utf-8", xml.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    static int v2HttpStatus(int statusCode) {
        return switch (statusCode) {
            case 997 -> 401;
            case 998 -> 404;
            case 996, 999 -> 500;
            default -> statusCode < 200 || statusCode > 600 ? 400 : statusCode;
        };
    }

    private static boolean wantsJson(SimExchange exchange) {
        String accept = exchange.header("Accept");
        return "json".equals(exchange.query("format")) || (accept != null && accept.contains("application/json"));
    }

    private static void writeXml(StringBuilder out, String name, JsonNode node) {
        out.append('<').append(name).append('>');
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                writeXml(out, field.getKey(), field.getValue());
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                writeXml(out, "element", element);
            }
        } else if (!node.isNull()) {
            out.append(escape(node.asString()));
        }
        out.append("</").append(name).append('>');
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
