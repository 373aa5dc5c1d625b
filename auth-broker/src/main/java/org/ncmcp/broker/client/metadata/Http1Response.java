package org.ncmcp.broker.client.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The head of an HTTP/1.1 response read from a socket, and its body read under a size cap. Only what a
 * single {@code GET} with {@code Connection: close} needs: fixed length, chunked, or read-to-close bodies.
 * We speak HTTP ourselves because the JDK client cannot be told which address to connect to, and pinning
 * the checked address is the point (see {@link ClientMetadataDocumentFetcher}).
 */
final class Http1Response {

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final int MAX_CHUNK_LINE = 1024;

    private final int status;
    private final Map<String, List<String>> headers;

    private Http1Response(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    /** The first value of a header (name in any case), or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header joined by commas (RFC 9110 §5.3), or null. */
    String joined(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : String.join(", ", values);
    }

    /** Reads the status line and headers, skipping interim 1xx responses. */
    static Http1Response readHead(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            String statusLine = readLine(in, budget);
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x response");
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("malformed HTTP status line");
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            int count = 0;
            for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
                if (++count > MAX_HEADERS) {
                    throw new IOException("more than " + MAX_HEADERS + " response headers");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed HTTP header line");
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            return new Http1Response(status, headers);
        }
    }

    /**
     * Reads the body, at most {@code maxBytes} of it.
     *
     * @throws BodyTooLargeException as soon as more than {@code maxBytes} are announced or arrive
     */
    byte[] readBody(InputStream in, int maxBytes) throws IOException {
        String transferEncoding = joined("Transfer-Encoding");
        if (transferEncoding != null) {
            if (!transferEncoding.trim().equalsIgnoreCase("chunked")) {
                throw new IOException("unsupported Transfer-Encoding " + transferEncoding);
            }
            return readChunked(in, maxBytes);
        }
        String length = header("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length");
            }
            if (declared > maxBytes) {
                throw new BodyTooLargeException();
            }
            byte[] body = in.readNBytes((int) declared);
            if (body.length < declared) {
                throw new IOException("connection closed before the whole body arrived");
            }
            return body;
        }
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new BodyTooLargeException();
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, new int[] {MAX_CHUNK_LINE});
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size");
            }
            if (size < 0) {
                throw new IOException("malformed chunk size");
            }
            if (size == 0) {
                int[] trailerBudget = {MAX_HEAD_BYTES};
                while (!readLine(in, trailerBudget).isEmpty()) {
                    // trailer fields are ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBytes) {
                throw new BodyTooLargeException();
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new IOException("connection closed inside a chunk");
            }
            body.write(chunk);
            if (!readLine(in, new int[] {2}).isEmpty()) {
                throw new IOException("missing CRLF after a chunk");
            }
        }
    }

    /** One line without its CRLF (a bare LF is tolerated), charging its length to {@code budget[0]}. */
    private static String readLine(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed in the middle of the response head");
            }
            if (--budget[0] < 0) {
                throw new IOException("response line or head too long");
            }
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
    }

    /** The body is larger than allowed; thrown before the excess is read. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large");
        }
    }
}
