package org.ncmcp.resource.apps.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ncmcp.resource.tool.InvalidToolInputException;

/**
 * A path inside the user's files, normalised and confined to their root: the only way tool input becomes a
 * DAV URL. Refused rather than resolved: {@code ..} (even where it would stay inside), percent-encoded text
 * (an encoded slash or dot-dot would be decoded by the server after our check), backslashes, control characters
 * and absolute URLs. Empty and {@code .} segments and repeated slashes are dropped.
 */
public record FilesPath(List<String> segments) {

    static final int MAX_LENGTH = 4096;

    public FilesPath {
        segments = List.copyOf(segments);
    }

    public static final FilesPath ROOT = new FilesPath(List.of());

    /** Parses what a person or model typed, e.g. {@code Documents/report.md} or {@code /Photos/}. */
    public static FilesPath of(String input) {
        if (input == null) {
            return ROOT;
        }
        String path = input.trim();
        if (path.length() > MAX_LENGTH) {
            throw invalid(input, "it is longer than " + MAX_LENGTH + " characters");
        }
        if (path.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
            throw invalid(input, "give a path inside your files such as /Documents/report.md, not a URL");
        }
        if (path.indexOf('\\') >= 0) {
            throw invalid(input, "use '/' to separate folders, not '\\'");
        }
        if (path.matches("(?s).*%[0-9A-Fa-f]{2}.*")) {
            throw invalid(input, "write names plainly, without URL encoding (%2F, %20, ...)");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw invalid(input, "'..' is not allowed; give the full path from your root folder");
            }
            for (int i = 0; i < segment.length(); i++) {
                if (Character.isISOControl(segment.charAt(i))) {
                    throw invalid(input, "it contains a control character");
                }
            }
            segments.add(segment);
        }
        return new FilesPath(segments);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment; empty for the root. */
    public String name() {
        return isRoot() ? "" : segments.get(segments.size() - 1);
    }

    public FilesPath parent() {
        return isRoot() ? ROOT : new FilesPath(segments.subList(0, segments.size() - 1));
    }

    public FilesPath child(String name) {
        List<String> more = new ArrayList<>(segments);
        more.add(name);
        return new FilesPath(more);
    }

    /** Whether {@code other} is this path or lies below it. */
    public boolean contains(FilesPath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** What the tools show: {@code /Documents/report.md}, {@code /} for the root. */
    public String display() {
        return "/" + String.join("/", segments);
    }

    /** Percent-encoded, relative to the files home, without leading slash (e.g. {@code My%20Docs/a.md}). */
    public String encoded() {
        List<String> encoded = new ArrayList<>();
        for (String segment : segments) {
            encoded.add(encodeSegment(segment));
        }
        return String.join("/", encoded);
    }

    static String encodeSegment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return display();
    }

    private static InvalidToolInputException invalid(String input, String why) {
        String shown = input.length() > 200 ? input.substring(0, 200) + "…" : input;
        return new InvalidToolInputException("the path '" + shown + "' is not usable: " + why + ".");
    }
}
