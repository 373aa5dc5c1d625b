package org.ncmcp.resource.apps.calendar.ical;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes iCalendar text (RFC 5545 3.1): unfolds and folds content lines, splits parameters (quoted values
 * may hold ':' and ';'), and keeps every property and component it does not understand, so an edit round-trips them.
 */
public final class ICalendarText {

    private static final int FOLD_OCTETS = 75;

    private ICalendarText() {
    }

    /** The VCALENDAR of the text; throws {@link IllegalArgumentException} with a reason when it is not iCalendar. */
    public static ICalComponent parse(String text) {
        Deque<ICalComponent> open = new ArrayDeque<>();
        ICalComponent root = null;
        for (String line : unfold(text)) {
            if (line.isBlank()) {
                continue;
            }
            ICalProperty property = contentLine(line);
            if (property.name().equals("BEGIN")) {
                ICalComponent component = new ICalComponent(property.value().trim());
                if (open.isEmpty()) {
                    if (root != null) {
                        break;
                    }
                    root = component;
                } else {
                    open.peek().components().add(component);
                }
                open.push(component);
            } else if (property.name().equals("END")) {
                if (open.isEmpty() || !open.peek().name().equalsIgnoreCase(property.value().trim())) {
                    throw new IllegalArgumentException("END:" + property.value() + " does not close the open "
                            + (open.isEmpty() ? "nothing" : open.peek().name()));
                }
                open.pop();
            } else if (!open.isEmpty()) {
                open.peek().add(property);
            }
        }
        if (root == null || !open.isEmpty()) {
            throw new IllegalArgumentException(root == null ? "no BEGIN:VCALENDAR" : "unterminated " + open.peek().name());
        }
        return root;
    }

    public static String write(ICalComponent component) {
        StringBuilder out = new StringBuilder();
        write(component, out);
        return out.toString();
    }

    private static void write(ICalComponent component, StringBuilder out) {
        out.append("BEGIN:").append(component.name()).append("\r\n");
        for (ICalProperty property : component.properties()) {
            StringBuilder line = new StringBuilder(property.name());
            property.parameters().forEach((key, value) -> line.append(';').append(key).append('=').append(value));
            line.append(':').append(property.value());
            fold(line.toString(), out);
        }
        for (ICalComponent child : component.components()) {
            write(child, out);
        }
        out.append("END:").append(component.name()).append("\r\n");
    }

    /** Lines of at most 75 octets, continued with CRLF + space, never splitting a UTF-8 character. */
    private static void fold(String line, StringBuilder out) {
        int octets = 0;
        int limit = FOLD_OCTETS;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 0;
                limit = FOLD_OCTETS - 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }

    private static List<String> unfold(String text) {
        List<String> lines = new ArrayList<>();
        for (String physical : text.split("\r\n|\n|\r", -1)) {
            if ((physical.startsWith(" ") || physical.startsWith("\t")) && !lines.isEmpty()) {
                int last = lines.size() - 1;
                lines.set(last, lines.get(last) + physical.substring(1));
            } else {
                lines.add(physical);
            }
        }
        return lines;
    }

    static ICalProperty contentLine(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ':') {
            i++;
        }
        if (i == line.length()) {
            throw new IllegalArgumentException("not a content line (no ':'): " + abbreviate(line));
        }
        String name = line.substring(0, i);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (line.charAt(i) == ';') {
            int start = ++i;
            boolean quoted = false;
            while (i < line.length() && (quoted || (line.charAt(i) != ';' && line.charAt(i) != ':'))) {
                if (line.charAt(i) == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            if (i == line.length()) {
                throw new IllegalArgumentException("not a content line (no ':'): " + abbreviate(line));
            }
            String parameter = line.substring(start, i);
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                parameters.put(parameter.substring(0, equals), parameter.substring(equals + 1));
            }
        }
        return new ICalProperty(name, parameters, line.substring(i + 1));
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
