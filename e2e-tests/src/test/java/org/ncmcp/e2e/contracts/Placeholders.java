package org.ncmcp.e2e.contracts;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values for {@code {{name}}} placeholders, in JSON values and object keys; a JSON string that is exactly one
 * placeholder takes the value's type.
 */
public final class Placeholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]+)}}");
    private final Map<String, Object> values = new HashMap<>();

    public Placeholders put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public Object get(String name) {
        return values.get(name);
    }

    public String resolve(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for placeholder {{" + matcher.group(1) + "}} in " + text);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public JsonNode resolve(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return node;
        }
        if (node.isString()) {
            Matcher whole = PLACEHOLDER.matcher(node.asString());
            if (whole.matches() && values.get(whole.group(1)) instanceof Number number) {
                return JsonNodeFactory.instance.numberNode(number.longValue());
            }
            return JsonNodeFactory.instance.stringNode(resolve(node.asString()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            // keys too: Tables row bodies are keyed by column id
            object.properties().forEach(e -> copy.set(resolve(e.getKey()), resolve(e.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return node;
    }
}
