package org.ncmcp.resource.apps.files;

import java.util.regex.Pattern;

/** A file name pattern as people write it ({@code *.pdf}, {@code report-202?}, {@code invoice}). */
final class NamePattern {

    private NamePattern() {
    }

    private static boolean hasWildcard(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    /** Case-insensitive regex for the whole name; without wildcards, names containing the text. */
    static Pattern regex(String pattern) {
        String trimmed = pattern.trim();
        StringBuilder regex = new StringBuilder();
        for (char c : trimmed.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        String body = hasWildcard(trimmed) ? regex.toString() : ".*" + regex + ".*";
        return Pattern.compile(body, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** The same pattern for DAV SEARCH's {@code d:like} ({@code %} and {@code _}). */
    static String like(String pattern) {
        String trimmed = pattern.trim();
        String like = trimmed.replace('*', '%').replace('?', '_');
        return hasWildcard(trimmed) ? like : "%" + like + "%";
    }
}
