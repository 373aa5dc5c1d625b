package org.ncmcp.resource.apps.contacts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One vCard 3.0 (RFC 2426) or 4.0 (RFC 6350) as a list of content lines, read and written by us. A line we do not
 * change is written back exactly as it was read (only its folding may differ), so properties this app does not
 * understand (PHOTO, X-…, grouped Apple labels, other clients' extensions) survive an update untouched.
 */
final class VCard {

    /** RFC 6350 3.2: lines longer than 75 octets SHOULD be folded. */
    static final int FOLD_OCTETS = 75;

    /** A parameter such as {@code TYPE=work,voice}; values are decoded (no quotes, RFC 6868 carets undone). */
    record Parameter(String name, List<String> values) {
        Parameter {
            name = name.toUpperCase(Locale.ROOT);
            values = List.copyOf(values);
        }
    }

    /**
     * One content line. {@code value} is the raw value as on the wire (still escaped); {@code original} is the
     * unfolded line as read, or null for a line we built or changed.
     */
    record Property(String group, String name, List<Parameter> parameters, String value, String original) {
        Property {
            name = name.toUpperCase(Locale.ROOT);
            parameters = List.copyOf(parameters);
        }

        static Property of(String name, List<Parameter> parameters, String value) {
            return new Property(null, name, parameters, value, null);
        }

        Property withValue(String rawValue) {
            return new Property(group, name, parameters, rawValue, null);
        }

        /** TYPE values in lower case; vCard 2.1/3.0 also allow bare ones ({@code TEL;WORK:…}). */
        List<String> types() {
            List<String> types = new ArrayList<>();
            for (Parameter parameter : parameters) {
                if (parameter.name().equals("TYPE")) {
                    // TYPE="work,voice" is quoted as one value but meant as two (RFC 6350 5.6 examples)
                    parameter.values().forEach(v -> List.of(v.split(",")).forEach(
                            t -> types.add(t.trim().toLowerCase(Locale.ROOT))));
                }
            }
            return types;
        }

        String line() {
            if (original != null) {
                return original;
            }
            StringBuilder line = new StringBuilder();
            if (group != null) {
                line.append(group).append('.');
            }
            line.append(name);
            for (Parameter parameter : parameters) {
                line.append(';').append(parameter.name());
                if (!parameter.values().isEmpty()) {
                    line.append('=');
                    for (int i = 0; i < parameter.values().size(); i++) {
                        line.append(i == 0 ? "" : ",").append(parameterValue(parameter.values().get(i)));
                    }
                }
            }
            return line.append(':').append(value).toString();
        }
    }

    private final List<Property> properties;

    private VCard(List<Property> properties) {
        this.properties = new ArrayList<>(properties);
    }

    static VCard of(String version, List<Property> properties) {
        List<Property> all = new ArrayList<>();
        all.add(Property.of("VERSION", List.of(), version));
        all.addAll(properties);
        return new VCard(all);
    }

    /** The first vCard in {@code text}. */
    static VCard parse(String text) {
        List<String> lines = unfold(text);
        List<Property> properties = new ArrayList<>();
        boolean inside = false;
        int depth = 0;
        for (String line : lines) {
            if (line.isBlank() || (!inside && !line.trim().equalsIgnoreCase("BEGIN:VCARD"))) {
                continue;   // whatever precedes the card is not ours to read
            }
            Property property = parseLine(line);
            boolean vcardMarker = property.value().trim().equalsIgnoreCase("VCARD");
            if (!inside) {
                if (property.name().equals("BEGIN") && vcardMarker) {
                    inside = true;
                }
                continue;
            }
            if (property.name().equals("BEGIN") && vcardMarker) {
                depth++;   // a nested vCard (2.1 AGENT) stays part of the outer one, verbatim
            } else if (property.name().equals("END") && vcardMarker) {
                if (depth-- == 0) {
                    return new VCard(properties);
                }
            }
            properties.add(property);
        }
        throw new IllegalArgumentException(inside ? "the vCard has no END:VCARD" : "not a vCard (no BEGIN:VCARD)");
    }

    String version() {
        return first("VERSION").map(p -> p.value().trim()).orElse("3.0");
    }

    boolean isVersion4() {
        return version().startsWith("4");
    }

    List<Property> properties() {
        return List.copyOf(properties);
    }

    Optional<Property> first(String name) {
        return properties.stream().filter(named(name)).findFirst();
    }

    List<Property> all(String name) {
        return properties.stream().filter(named(name)).toList();
    }

    /** The decoded text of the first {@code name} property, or null. */
    String text(String name) {
        return first(name).map(p -> unescape(p.value())).orElse(null);
    }

    /**
     * Sets the first {@code name} property's raw value, keeping its group and parameters, or appends a new one;
     * later duplicates go, since the caller asked for one value.
     */
    void set(String name, String rawValue) {
        int at = indexOf(name);
        if (at < 0) {
            properties.add(Property.of(name, List.of(), rawValue));
            return;
        }
        properties.set(at, properties.get(at).withValue(rawValue));
        for (int i = properties.size() - 1; i > at; i--) {
            if (properties.get(i).name().equals(name.toUpperCase(Locale.ROOT))) {
                properties.remove(i);
            }
        }
    }

    void remove(String name) {
        properties.removeIf(named(name));
    }

    /**
     * Replaces every {@code name} property by {@code replacements}, where the first of them stood (else at the end).
     * A replacement whose value equals an existing line's value is that line, kept verbatim with its parameters.
     */
    void replaceAll(String name, List<Property> replacements) {
        int at = indexOf(name);
        List<Property> existing = all(name);
        List<Property> next = new ArrayList<>();
        for (Property wanted : replacements) {
            next.add(existing.stream().filter(old -> unescape(old.value()).equals(unescape(wanted.value())))
                    .findFirst().orElse(wanted));
        }
        properties.removeIf(named(name));
        properties.addAll(at < 0 ? properties.size() : Math.min(at, properties.size()), next);
    }

    String serialize() {
        StringBuilder out = new StringBuilder("BEGIN:VCARD\r\n");
        for (Property property : properties) {
            out.append(fold(property.line()));
        }
        return out.append("END:VCARD\r\n").toString();
    }

    private int indexOf(String name) {
        for (int i = 0; i < properties.size(); i++) {
            if (properties.get(i).name().equals(name.toUpperCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    private static Predicate<Property> named(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return property -> property.name().equals(upper);
    }

    // --- the wire format ----------------------------------------------------------------------

    /** RFC 6350 3.2 / RFC 2425 5.8.1: a line starting with a space or tab continues the previous one. */
    static List<String> unfold(String text) {
        List<String> lines = new ArrayList<>();
        for (String physical : text.split("\r\n|\n|\r", -1)) {
            if (!physical.isEmpty() && (physical.charAt(0) == ' ' || physical.charAt(0) == '\t') && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + physical.substring(1));
            } else {
                lines.add(physical);
            }
        }
        return lines;
    }

    /** Folds at 75 octets without splitting a UTF-8 sequence; continuation lines start with one space. */
    static String fold(String line) {
        StringBuilder out = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > FOLD_OCTETS) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return out.append("\r\n").toString();
    }

    static Property parseLine(String line) {
        int colon = -1;
        boolean quoted = false;
        List<Integer> semicolons = new ArrayList<>();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ';') {
                semicolons.add(i);
            } else if (!quoted && c == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            throw new IllegalArgumentException("a vCard line has no ':' (" + abbreviate(line) + ")");
        }
        int nameEnd = semicolons.isEmpty() ? colon : semicolons.get(0);
        String qualified = line.substring(0, nameEnd).trim();
        int dot = qualified.lastIndexOf('.');
        String group = dot < 0 ? null : qualified.substring(0, dot);
        String name = dot < 0 ? qualified : qualified.substring(dot + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a vCard line has no property name (" + abbreviate(line) + ")");
        }
        List<Parameter> parameters = new ArrayList<>();
        semicolons.add(colon);
        for (int i = 0; i + 1 < semicolons.size(); i++) {
            parameters.add(parseParameter(line.substring(semicolons.get(i) + 1, semicolons.get(i + 1))));
        }
        return new Property(group, name, parameters, line.substring(colon + 1), line);
    }

    private static Parameter parseParameter(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            return new Parameter("TYPE", List.of(text.trim()));   // vCard 2.1/3.0 bare type: TEL;WORK:
        }
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.substring(equals + 1).toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                values.add(uncaret(current.toString()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(uncaret(current.toString()));
        return new Parameter(text.substring(0, equals).trim(), values);
    }

    /** RFC 6868: {@code ^n} newline, {@code ^'} double quote, {@code ^^} caret. */
    private static String uncaret(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '^' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                if (next == 'n' || next == 'N' || next == '\'' || next == '^') {
                    out.append(next == '^' ? '^' : next == '\'' ? '"' : '\n');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String parameterValue(String value) {
        String encoded = value.replace("^", "^^").replace("\n", "^n").replace("\"", "^'");
        boolean needsQuotes = encoded.indexOf(':') >= 0 || encoded.indexOf(';') >= 0 || encoded.indexOf(',') >= 0;
        return needsQuotes ? "\"" + encoded + "\"" : encoded;
    }

    // --- values -------------------------------------------------------------------------------

    /** RFC 6350 3.4: backslash escapes in TEXT values ({@code \n \\ \, \;}; {@code \:} tolerated). */
    static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
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

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
                .replace(",", "\\,").replace(";", "\\;");
    }

    /** The raw components of a structured value (N, ADR, ORG), split at unescaped semicolons, decoded. */
    static List<String> components(String raw) {
        return split(raw, ';');
    }

    /** The decoded items of a list value (CATEGORIES, NICKNAME), split at unescaped commas. */
    static List<String> items(String raw) {
        return split(raw, ',').stream().filter(item -> !item.isBlank()).toList();
    }

    static String structured(List<String> components) {
        return String.join(";", components.stream().map(VCard::escape).toList());
    }

    private static List<String> split(String raw, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                current.append(c).append(raw.charAt(++i));
            } else if (c == separator) {
                parts.add(unescape(current.toString()));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(unescape(current.toString()));
        return parts;
    }

    private static String abbreviate(String line) {
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
