package org.ncmcp.resource.apps.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.files.FilesToolModels.FindByNameInput;
import org.ncmcp.resource.apps.files.FilesToolModels.LimitInput;
import org.ncmcp.resource.apps.files.FilesToolModels.SearchResults;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.tool.NextcloudTool;

/**
 * The Nextcloud-only paths sabre/dav cannot exercise: WebDAV SEARCH and the {@code oc:filter-files} favorites
 * REPORT, against answers shaped as Nextcloud sends them (developer manual, client_apis/WebDAV/search.rst and
 * basic.rst "Listing favorites"), on a server with a path prefix and a login name that is not the user id.
 */
class FilesClientNextcloudAnswersTest {

    private static final String PRINCIPAL = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
             <d:response><d:href>/nextcloud/remote.php/dav/</d:href><d:propstat><d:prop><d:current-user-principal>
              <d:href>/nextcloud/remote.php/dav/principals/users/alice/</d:href></d:current-user-principal></d:prop>
              <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";
    private static final String SEARCH_ANSWER = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns"
                           xmlns:nc="http://nextcloud.org/ns">
             <d:response>
              <d:href>/nextcloud/remote.php/dav/files/alice/Finance/Invoice%20March.pdf</d:href>
              <d:propstat><d:prop>
                <d:getcontenttype>application/pdf</d:getcontenttype><d:getcontentlength>18220</d:getcontentlength>
                <d:getlastmodified>Mon, 02 Nov 2026 10:00:00 GMT</d:getlastmodified>
                <d:getetag>&quot;6436d084d4805&quot;</d:getetag><d:resourcetype/>
                <oc:fileid>1234</oc:fileid><oc:favorite>0</oc:favorite><oc:size>18220</oc:size>
              </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
             </d:response>
             <d:response>
              <d:href>/nextcloud/remote.php/dav/files/alice/Finance/notes.txt</d:href>
              <d:propstat><d:prop><d:getcontenttype>text/plain</d:getcontenttype><d:resourcetype/></d:prop>
               <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
              <d:propstat><d:prop><oc:fileid/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
             </d:response>
            </d:multistatus>""";
    private static final String FAVORITES_ANSWER = """
            <?xml version="1.0"?>
            <d:multistatus xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
             <d:response><d:href>/nextcloud/remote.php/dav/files/alice/Photos/</d:href>
              <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><oc:fileid>77</oc:fileid>
               <oc:favorite>1</oc:favorite><oc:size>1048576</oc:size><d:getetag>&quot;abc&quot;</d:getetag></d:prop>
               <d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
            </d:multistatus>""";

    record Received(String method, String path, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer nextcloud;
    private FilesTools tools;

    @BeforeEach
    void start() throws IOException {
        nextcloud = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        nextcloud.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            received.add(new Received(exchange.getRequestMethod(), path, body));
            String answer = switch (exchange.getRequestMethod() + " " + path) {
                case "PROPFIND /nextcloud/remote.php/dav/" -> PRINCIPAL;
                case "SEARCH /nextcloud/remote.php/dav/" -> SEARCH_ANSWER;
                case "REPORT /nextcloud/remote.php/dav/files/alice/" -> FAVORITES_ANSWER;
                default -> null;
            };
            byte[] bytes = answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml; charset=utf-8");
            exchange.sendResponseHeaders(answer == null ? 404 : 207, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        nextcloud.start();
        NextcloudProperties properties = new NextcloudProperties(
                URI.create("http://127.0.0.1:" + nextcloud.getAddress().getPort() + "/nextcloud"), "alice@example.com",
                "app-password", Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
        NextcloudHttpClient http = new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice@example.com", "app-password"), duration -> { }, Clock.systemUTC());
        tools = new FilesTools(new FilesClient(http));
    }

    @AfterEach
    void stop() {
        nextcloud.stop(0);
    }

    @SuppressWarnings("unchecked")
    private <I, O> O run(String name, I input) {
        NextcloudTool<I, O> tool = (NextcloudTool<I, O>) tools.tools().stream().filter(t -> t.name().equals(name))
                .findFirst().orElseThrow();
        return tool.handler().handle(input);
    }

    @Test
    void findByNameUsesDavSearchScopedToTheDiscoveredHome() {
        SearchResults results = run("nc_files_find_by_name", new FindByNameInput("invoice*", "/Finance", 10));

        assertThat(results.method()).isEqualTo("dav-search");
        assertThat(results.results()).singleElement().satisfies(hit -> {
            assertThat(hit.path()).isEqualTo("/Finance/Invoice March.pdf");
            assertThat(hit.mimeType()).isEqualTo("application/pdf");
            assertThat(hit.sizeBytes()).isEqualTo(18220);
            assertThat(hit.etag()).isEqualTo("6436d084d4805");
            assertThat(hit.fileId()).isEqualTo("1234");
        });
        Received search = received.stream().filter(r -> r.method().equals("SEARCH")).findFirst().orElseThrow();
        assertThat(search.body()).contains("<d:href>/files/alice/Finance</d:href>", "<d:depth>infinity</d:depth>",
                "<d:literal>invoice%</d:literal>", "<d:nresults>10</d:nresults>");
        // the principal, not the configured login name, decided the home
        assertThat(received).extracting(Received::path).noneMatch(path -> path.contains("alice@example.com"));
    }

    @Test
    void favoritesUseNextcloudsFilterFilesReport() {
        SearchResults results = run("nc_files_list_favorites", new LimitInput(null));

        assertThat(results.method()).isEqualTo("favorites-report");
        assertThat(results.results()).singleElement().satisfies(hit -> {
            assertThat(hit.path()).isEqualTo("/Photos");
            assertThat(hit.type()).isEqualTo("folder");
            assertThat(hit.favorite()).isTrue();
            assertThat(hit.sizeBytes()).isEqualTo(1048576);
        });
        Received report = received.stream().filter(r -> r.method().equals("REPORT")).findFirst().orElseThrow();
        assertThat(report.body()).contains("<oc:filter-files", "<oc:favorite>1</oc:favorite>");
    }

    @Test
    void anAnswerOutsideTheUsersHomeIsRefused() {
        FilesClient client = new FilesClient(new NextcloudHttpClient(new NextcloudProperties(
                URI.create("http://127.0.0.1:" + nextcloud.getAddress().getPort() + "/nextcloud"), "alice", "pw",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1))),
                new SingleUserCredentialSource("alice", "pw"), duration -> { }, Clock.systemUTC()));
        DavEntry foreign = new DavEntry("/nextcloud/remote.php/dav/files/bob/secret.txt", false, 1L, "text/plain",
                null, null, false, null, false);
        assertThatThrownBy(() -> client.pathOf(foreign))
                .hasMessageContaining("outside your files");
    }
}
