package org.ncmcp.e2e.oauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTML form reading for a headless sign-in: the forms of a page with their action, method
 * and inputs. The pages read are our own (broker) and the simulator's, whose markup we control.
 */
final class HtmlForms {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*\"([^\"]*)\"");

    record Input(String name, String type, String value, boolean checked, String id) {
    }

    record Form(String id, String action, String method, List<Input> inputs) {

        boolean has(String inputName) {
            return inputs.stream().anyMatch(i -> inputName.equals(i.name()));
        }

        /** Values a browser would submit without any typing: hidden fields, checked boxes, text defaults. */
        Map<String, List<String>> defaults() {
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Input input : inputs) {
                if (input.name() == null) {
                    continue;
                }
                if (("checkbox".equals(input.type()) || "radio".equals(input.type())) && !input.checked()) {
                    continue;
                }
                if ("submit".equals(input.type()) || "button".equals(input.type())) {
                    continue;
                }
                values.computeIfAbsent(input.name(), k -> new ArrayList<>()).add(input.value() == null ? "" : input.value());
            }
            return values;
        }
    }

    private HtmlForms() {
    }

    static List<Form> parse(String html) {
        List<Form> forms = new ArrayList<>();
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            List<Input> inputs = new ArrayList<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> a = attributes(input.group(1));
                inputs.add(new Input(a.get("name"), a.getOrDefault("type", "text").toLowerCase(), a.get("value"),
                        input.group(1).matches("(?s).*\\bchecked\\b.*"), a.get("id")));
            }
            forms.add(new Form(attributes.get("id"), unescape(attributes.getOrDefault("action", "")),
                    attributes.getOrDefault("method", "get").toLowerCase(), inputs));
        }
        return forms;
    }

    private static Map<String, String> attributes(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(source);
        while (m.find()) {
            out.put(m.group(1).toLowerCase(), unescape(m.group(2)));
        }
        return out;
    }

    static String unescape(String value) {
        return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#x2F;", "/").replace("&#47;", "/").replace("&amp;", "&");
    }
}
