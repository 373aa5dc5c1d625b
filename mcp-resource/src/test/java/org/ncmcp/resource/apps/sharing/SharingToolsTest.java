package org.ncmcp.resource.apps.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.sharing.SharingToolModels.CreateShareInput;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ShareDetails;
import org.ncmcp.resource.apps.sharing.SharingToolModels.ShareIdInput;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.tool.InvalidToolInputException;
import org.ncmcp.resource.tool.NextcloudTool;
import tools.jackson.databind.json.JsonMapper;

/** The sharing tools against Nextcloud-shaped OCS v1 answers served by a tiny HTTP server. */
class SharingToolsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A link share as Nextcloud returns it: the password hash in {@code password} and in {@code share_with}. */
    private static final String LINK_SHARE = "{\"ocs\":{\"meta\":{\"status\":\"ok\",\"statuscode\":100,"
            + "\"message\":\"OK\",\"totalitems\":\"\",\"itemsperpage\":\"\"},\"data\":{\"id\":\"7\",\"share_type\":3,"
            + "\"uid_owner\":\"alice\",\"displayname_owner\":\"Alice\",\"permissions\":1,\"stime\":1763812800,"
            + "\"expiration\":\"2026-12-31 00:00:00\",\"token\":\"AbC\",\"path\":\"/Documents/Report.pdf\","
            + "\"item_type\":\"file\",\"share_with\":\"3|$argon2id$SECRET-HASH\",\"share_with_displayname\":"
            + "\"(Shared link)\",\"password\":\"3|$argon2id$SECRET-HASH\",\"url\":\"https://cloud.example.com/s/AbC\","
            + "\"note\":\"\",\"label\":\"\",\"can_edit\":true}}}";
    private static final String MISSING = "{\"ocs\":{\"meta\":{\"status\":\"failure\",\"statuscode\":404,"
            + "\"message\":\"Wrong share ID, share does not exist\",\"totalitems\":\"\",\"itemsperpage\":\"\"},"
            + "\"data\":[]}}";

    private HttpServer nextcloud;
    private final AtomicReference<String> answer = new AtomicReference<>(LINK_SHARE);
    private final AtomicReference<String> lastBody = new AtomicReference<>();
    private final AtomicReference<String> lastOcsHeader = new AtomicReference<>();
    private SharingTools tools;

    @BeforeEach
    void start() throws IOException {
        nextcloud = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        nextcloud.createContext("/", exchange -> {
            lastBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            lastOcsHeader.set(exchange.getRequestHeaders().getFirst("OCS-APIRequest"));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            // OCS v1: HTTP 200 whatever the outcome; the status is in the body.
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        nextcloud.start();
        NextcloudProperties properties = new NextcloudProperties(
                URI.create("http://127.0.0.1:" + nextcloud.getAddress().getPort()), "alice", "app-password",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 4,
                new NextcloudProperties.Retry(1, Duration.ofMillis(1), Duration.ofSeconds(1)));
        NextcloudHttpClient http = new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice", "app-password"), duration -> { }, Clock.systemUTC());
        tools = new SharingTools(new SharingClient(http, JSON));
    }

    @AfterEach
    void stop() {
        nextcloud.stop(0);
    }

    @SuppressWarnings("unchecked")
    private <I, O> O call(String name, I input) {
        NextcloudTool<I, O> tool = (NextcloudTool<I, O>) tools.tools().stream().filter(t -> t.name().equals(name))
                .findFirst().orElseThrow();
        return tool.handler().handle(input);
    }

    @Test
    void aLinkSharesPasswordHashIsNeverEchoedNotEvenFromShareWith() {
        ShareDetails share = call("nc_sharing_create_share", new CreateShareInput("/Documents/Report.pdf",
                ShareType.link, null, null, "s3cret-pass", null, null, null));
        assertThat(share.passwordProtected()).isTrue();
        assertThat(share.shareWith()).isEmpty();
        assertThat(share.url()).isEqualTo("https://cloud.example.com/s/AbC");
        assertThat(share.expireDate()).isEqualTo("2026-12-31");
        assertThat(JSON.writeValueAsString(share)).doesNotContain("SECRET-HASH", "s3cret-pass");
        assertThat(lastOcsHeader.get()).isEqualTo("true");
        assertThat(lastBody.get()).contains("\"shareType\":3", "\"password\":\"s3cret-pass\"");
    }

    @Test
    void permissionsGoAsBitsAndComeBackAsNamedFlags() {
        ShareDetails share = call("nc_sharing_create_share", new CreateShareInput("/Documents/Report.pdf",
                ShareType.link, null, List.of(SharePermission.read, SharePermission.share), null, null, null, null));
        assertThat(lastBody.get()).contains("\"permissions\":17");
        assertThat(share.permissions()).containsExactly(SharePermission.read);
    }

    @Test
    void aV1FailureInsideHttp200IsNotFoundWithNextcloudsReason() {
        answer.set(MISSING);
        assertThatThrownBy(() -> call("nc_sharing_get_share", new ShareIdInput("999")))
                .isInstanceOf(NextcloudNotFoundException.class)
                .hasMessageContaining("Wrong share ID, share does not exist");
    }

    @Test
    void aUserShareWithoutRecipientIsRefusedBeforeCallingNextcloud() {
        assertThatThrownBy(() -> call("nc_sharing_create_share", new CreateShareInput("/a.txt", ShareType.user,
                null, null, null, null, null, null)))
                .isInstanceOf(InvalidToolInputException.class).hasMessageContaining("'shareWith' is required");
        assertThat(lastBody.get()).isNull();
    }

    @Test
    void permissionsWithoutReadAreRefused() {
        assertThatThrownBy(() -> call("nc_sharing_create_share", new CreateShareInput("/a.txt", ShareType.group,
                "staff", List.of(SharePermission.update), null, null, null, null)))
                .isInstanceOf(InvalidToolInputException.class).hasMessageContaining("must include read");
    }
}
