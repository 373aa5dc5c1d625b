package org.ncmcp.broker.client.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ncmcp.broker.client.metadata.Documents.JSON;
import static org.ncmcp.broker.client.metadata.LoopbackServer.respond;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https through the pinned connection: the socket goes to the checked address, yet the certificate is
 * still verified against the URL's host name.
 */
class ClientMetadataTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static LoopbackServer server;
    private static SSLContext clientTls;

    @BeforeAll
    static void startServerWithCertificateForClientTest() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=client.test", "-ext", "SAN=dns:client.test", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: " + output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        server = LoopbackServer.https(serverTls);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Both names point at the loopback server (allow-listed, since it is loopback); only one is on the certificate. */
    private static ClientMetadataDocumentFetcher fetcher() {
        HostResolver dns = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        CimdProperties properties = Documents.properties(List.of("client.test", "other.test"), Duration.ofSeconds(60),
                Duration.ofHours(1));
        return new ClientMetadataDocumentFetcher(properties, dns, clientTls, Clock.systemUTC());
    }

    @Test
    void fetchesOverTlsWhenTheCertificateNamesTheHost() {
        String clientId = "https://client.test:" + server.port() + "/tls-client.json";
        server.route("/tls-client.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId)));

        assertThat(fetcher().fetch(clientId).body()).isNotEmpty();
    }

    @Test
    void refusesACertificateForAnotherHost() {
        String clientId = "https://other.test:" + server.port() + "/tls-other.json";
        server.route("/tls-other.json", ex -> respond(ex, 200, JSON, Documents.valid(clientId)));

        assertThatThrownBy(() -> fetcher().fetch(clientId))
                .isInstanceOf(ClientMetadataException.class)
                .hasMessageStartingWith("TLS with 'other.test' failed")
                .hasRootCauseInstanceOf(CertificateException.class)
                .rootCause().hasMessageContaining("other.test");
        assertThat(server.hits("/tls-other.json")).isZero();
    }
}
