package org.ncmcp.resource.apps.calendar.ical;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One iCalendar content line (RFC 5545 3.1): name, parameters in their original order, and the value as written
 * (still escaped). Mutable so an edit touches only the properties it means to, and everything else is written back
 * exactly as read.
 */
public final class ICalProperty {

    private final String name;
    private final Map<String, String> parameters;
    private String value;

    public ICalProperty(String name, Map<String, String> parameters, String value) {
        this.name = name.toUpperCase(Locale.ROOT);
        this.parameters = new LinkedHashMap<>(parameters);
        this.value = value;
    }

    public static ICalProperty text(String name, String text) {
        return new ICalProperty(name, Map.of(), escape(text));
    }

    public String name() {
        return name;
    }

    /** The raw value (for TEXT values still escaped; use {@link #text()}). */
    public String value() {
        return value;
    }

    public void value(String raw) {
        this.value = raw;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public String parameter(String key) {
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key)) {
                return unquote(entry.getValue());
            }
        }
        return null;
    }

    public ICalProperty parameter(String key, String parameterValue) {
        parameters.keySet().removeIf(existing -> existing.equalsIgnoreCase(key));
        if (parameterValue != null) {
            boolean quote = parameterValue.contains(":") || parameterValue.contains(";")
                    || parameterValue.contains(",");
            parameters.put(key.toUpperCase(Locale.ROOT), quote ? "\"" + parameterValue.replace("\"", "") + "\""
                    : parameterValue);
        }
        return this;
    }

    /** The value as TEXT (RFC 5545 3.3.11): backslash escapes resolved. */
    public String text() {
        return unescape(value);
    }

    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    public static String unescape(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
