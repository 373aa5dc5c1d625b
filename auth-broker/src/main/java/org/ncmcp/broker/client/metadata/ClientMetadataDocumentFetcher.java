package org.ncmcp.broker.client.metadata;

import static org.ncmcp.broker.client.metadata.ClientMetadataException.quote;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a Client ID Metadata Document with a plain HTTP GET that an attacker cannot point inwards:
 * <ul>
 *   <li>https only (plain http only for {@code broker.cimd.allowed-hosts});</li>
 *   <li>the host is resolved once and every address must be public unicast unless the host is
 *       allow-listed; the connection goes to one of exactly those addresses, so DNS rebinding between
 *       the check and the connect is impossible, while TLS still verifies the certificate against the
 *       host name (SNI and endpoint identification);</li>
 *   <li>redirects are not followed (draft: the AS MUST NOT follow them); only 200 with
 *       {@code application/json} or {@code application/*+json} is accepted;</li>
 *   <li>one deadline for the whole exchange, and reading stops once the size cap is passed.</li>
 * </ul>
 * DNS resolution itself uses the system resolver's own timeouts.
 */
public class ClientMetadataDocumentFetcher {

    private static final Logger log = LoggerFactory.getLogger(ClientMetadataDocumentFetcher.class);
    private static final Pattern JSON_MEDIA_TYPE = Pattern.compile("application/([a-z0-9!#$&^_.+-]+\\+)?json");

    private final CimdProperties properties;
    private final HostResolver resolver;
    private final SSLContext tls;
    private final Clock clock;

    public ClientMetadataDocumentFetcher(CimdProperties properties) {
        this(properties, HostResolver.SYSTEM, defaultTls(), Clock.systemUTC());
    }

    /**
     * @param resolver how host names become addresses
     * @param tls trust material for https (the JVM default in production)
     * @param clock the time cache headers are read against
     */
    public ClientMetadataDocumentFetcher(CimdProperties properties, HostResolver resolver, SSLContext tls, Clock clock) {
        this.properties = properties;
        this.resolver = resolver;
        this.tls = tls;
        this.clock = clock;
    }

    /**
     * Checks the client identifier URL and fetches its document.
     *
     * @throws ClientMetadataException saying why the URL may not be fetched or what went wrong
     */
    public FetchedDocument fetch(String clientId) {
        return fetch(ClientIdUrl.parse(clientId, properties.allowedHosts()));
    }

    FetchedDocument fetch(URI url) {
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        String host = CimdProperties.normalizeHost(url.getHost());
        boolean allowListed = properties.allowedHosts().contains(host);
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();

        InetAddress[] addresses = resolve(host);
        if (!allowListed) {
            for (InetAddress address : addresses) {
                String refusal = AddressPolicy.refusal(address);
                if (refusal != null) {
                    throw new ClientMetadataException("client_id host " + quote(host) + " resolves to "
                            + address.getHostAddress() + ", " + refusal
                            + "; metadata documents are only fetched from public addresses");
                }
            }
        }
        try (Socket socket = connect(addresses, port, deadline, host)) {
            Socket channel = https ? startTls(socket, host, port, deadline) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(request(url).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(new DeadlineInputStream(channel.getInputStream(), channel, deadline));
            Http1Response response = Http1Response.readHead(in);
            checkHead(response);
            byte[] body = response.readBody(in, maxBytes());
            Freshness freshness = Freshness.of(response.joined("Cache-Control"), response.header("Expires"),
                    response.header("Date"), response.header("Age"), clock.instant());
            log.debug("Fetched client metadata document {} ({} bytes, {})", url, body.length, freshness);
            return new FetchedDocument(url, body, freshness);
        } catch (Http1Response.BodyTooLargeException e) {
            throw new ClientMetadataException("the metadata document is larger than " + maxBytes() + " bytes");
        } catch (SocketTimeoutException e) {
            throw new ClientMetadataException("fetching the metadata document timed out after "
                    + properties.timeout().toMillis() + " ms", e);
        } catch (SSLException e) {
            throw new ClientMetadataException("TLS with " + quote(host) + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ClientMetadataException("fetching the metadata document failed: " + e.getMessage(), e);
        }
    }

    private InetAddress[] resolve(String host) {
        try {
            InetAddress[] addresses = resolver.resolve(host);
            if (addresses == null || addresses.length == 0) {
                throw new UnknownHostException(host);
            }
            return addresses;
        } catch (UnknownHostException e) {
            throw new ClientMetadataException("client_id host " + quote(host) + " could not be resolved", e);
        }
    }

    private static Socket connect(InetAddress[] addresses, int port, long deadline, String host) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int millis = DeadlineInputStream.remainingMillis(deadline);
            if (millis == 0) {
                throw new SocketTimeoutException("connect deadline passed");
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), millis);
                return socket;
            } catch (SocketTimeoutException e) {
                socket.close();
                throw e;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw new ConnectException("could not connect to " + host + ":" + port
                + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    /** TLS over the socket we already connected, verifying the certificate against the URL's host. */
    private Socket startTls(Socket socket, String host, int port, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        int millis = DeadlineInputStream.remainingMillis(deadline);
        if (millis == 0) {
            throw new SocketTimeoutException("deadline passed before the TLS handshake");
        }
        ssl.setSoTimeout(millis);
        ssl.startHandshake();
        return ssl;
    }

    private static String request(URI url) {
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + url.getRawAuthority() + "\r\n"
                + "Accept: application/json\r\n"
                + "Accept-Encoding: identity\r\n"
                + "User-Agent: nextcloud-mcp-auth-broker\r\n"
                + "Connection: close\r\n\r\n";
    }

    private static void checkHead(Http1Response response) {
        int status = response.status();
        if (status >= 300 && status < 400) {
            String location = response.header("Location");
            throw new ClientMetadataException("the client_id URL answered with a redirect (HTTP " + status
                    + (location == null ? "" : " to " + quote(location)) + "); redirects are not followed,"
                    + " so the document must be served at the client_id URL itself");
        }
        if (status != 200) {
            throw new ClientMetadataException("the client_id URL answered HTTP " + status
                    + "; expected 200 with the metadata document");
        }
        String contentType = response.header("Content-Type");
        if (contentType == null) {
            throw new ClientMetadataException("the metadata document has no Content-Type; expected application/json");
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!JSON_MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new ClientMetadataException("the metadata document has Content-Type " + quote(mediaType)
                    + "; expected application/json");
        }
        String encoding = response.header("Content-Encoding");
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            throw new ClientMetadataException("the metadata document is sent with Content-Encoding " + quote(encoding)
                    + "; only uncompressed documents are accepted");
        }
    }

    private int maxBytes() {
        return (int) properties.maxBytes().toBytes();
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}
