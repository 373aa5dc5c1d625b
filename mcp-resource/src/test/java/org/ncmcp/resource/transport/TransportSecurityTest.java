package org.ncmcp.resource.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DNS-rebinding protection, checked over a raw socket because HTTP clients refuse to forge {@code Host}.
 * No Nextcloud is needed: {@code ping} never calls it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nextcloud.url=http://127.0.0.1:9", "nextcloud.username=u", "nextcloud.app-password=p",
        "mcp.transport.allowed-hosts=mcp.example.com:*"})
class TransportSecurityTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @LocalServerPort
    int port;

    private int post(String host, String origin) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String request = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                    + "Content-Length: " + PING.length() + "\r\nConnection: close\r\n\r\n" + PING;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }

    @Test
    void loopbackHostWithoutOriginIsServed() throws IOException {
        assertThat(post("127.0.0.1:" + port, null)).isEqualTo(200);
        assertThat(post("localhost:" + port, "http://localhost:6274")).isEqualTo(200);
    }

    @Test
    void foreignHostIsMisdirected() throws IOException {
        assertThat(post("evil.example.com", null)).isEqualTo(421);
    }

    @Test
    void foreignOriginIsForbidden() throws IOException {
        assertThat(post("127.0.0.1:" + port, "https://evil.example.com")).isEqualTo(403);
    }

    @Test
    void configuredHostIsAccepted() throws IOException {
        assertThat(post("mcp.example.com:443", null)).isEqualTo(200);
    }
}
