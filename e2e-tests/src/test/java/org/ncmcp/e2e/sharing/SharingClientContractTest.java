package org.ncmcp.e2e.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.sharing.Share;
import org.ncmcp.resource.apps.sharing.ShareType;
import org.ncmcp.resource.apps.sharing.SharingClient;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudAuthenticationException;
import org.ncmcp.resource.nextcloud.NextcloudBadRequestException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import tools.jackson.databind.json.JsonMapper;

/** Our sharing client against the sharing fixtures' responses: the client half of the contract. */
class SharingClientContractTest {

    private SharingFixtureStub stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private SharingClient client(String... fixtureIds) throws Exception {
        stub = new SharingFixtureStub(fixtureIds);
        NextcloudProperties properties = new NextcloudProperties(URI.create(stub.baseUrl()), "alice", "stub-app-password",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 10, new NextcloudProperties.Retry(1, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        NextcloudHttpClient http = new NextcloudHttpClient(properties,
                new SingleUserCredentialSource("alice", "stub-app-password"), wait -> { }, Clock.systemUTC());
        return new SharingClient(http, JsonMapper.builder().build());
    }

    @Test
    void aPublicLinkIsReadOnlyWithAStringIdAndNoRecipient() throws Exception {
        Share link = client("create-link-share").createShare("/Notes/Work/Plan.md", ShareType.link, null, null, null,
                null, null, null);
        assertThat(link.id()).isEqualTo("42");
        assertThat(link.shareType()).isEqualTo(3);
        assertThat(link.permissions()).isEqualTo(1);
        assertThat(link.shareWith()).isNull();
        assertThat(link.hasPassword()).isFalse();
        assertThat(link.path()).isEqualTo("/Notes/Work/Plan.md");
    }

    @Test
    void anUnknownShareTypeInsideHttp200IsABadRequestWithNextcloudsReason() throws Exception {
        // The client sends a valid type; the fixture says what Nextcloud answers to an unknown one.
        SharingClient client = client("create-unknown-share-type");
        assertThatThrownBy(() -> client.createShare("/Notes/Work/Plan.md", ShareType.group, "users", 1, null, null,
                null, null))
                .isInstanceOf(NextcloudBadRequestException.class).hasMessageContaining("Unknown share type");
    }

    @Test
    void anExpiryInThePastIsNotFoundSayingWhy() throws Exception {
        SharingClient client = client("create-expiry-in-past");
        assertThatThrownBy(() -> client.createShare("/Notes/Work/Plan.md", ShareType.link, null, null, null,
                LocalDate.parse("2020-01-01"), null, null))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("Expiration date is in the past");
    }

    @Test
    void missingSharesAreNotFoundOnGetUpdateAndDelete() throws Exception {
        SharingClient client = client("get-missing-v1", "update-missing", "delete-missing");
        assertThatThrownBy(() -> client.getShare("987654")).isInstanceOf(NextcloudNotFoundException.class)
                .hasMessageContaining("Wrong share ID, share does not exist");
        assertThatThrownBy(() -> client.updateShare("987654", Map.of("permissions", 1)))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("update share 987654");
        assertThatThrownBy(() -> client.deleteShare("987654")).isInstanceOf(NextcloudNotFoundException.class);
    }

    @Test
    void listingsByPathAndSharedWithMeParseEmptyAndMissingPathIsNotFound() throws Exception {
        SharingClient client = client("list-by-path-none", "list-shared-with-me-none", "list-missing-path");
        assertThat(client.listShares("/Notes/Work/Plan.md", false)).isEmpty();
        assertThat(client.listSharedWithMe(null)).isEmpty();
        assertThatThrownBy(() -> client.listShares("/Nope", false)).isInstanceOf(NextcloudNotFoundException.class)
                .hasMessageContaining("Wrong path, file/folder does not exist");
    }

    @Test
    void aRevokedAppPasswordIsACredentialsError() throws Exception {
        // The fixture is the v2 answer (HTTP 401): the status is what our client acts on, whichever version.
        stub = new SharingFixtureStub("revoked-app-password");
        NextcloudHttpClient http = new NextcloudHttpClient(new NextcloudProperties(URI.create(stub.baseUrl()), "alice",
                "revoked", Duration.ofSeconds(2), Duration.ofSeconds(5), 10, new NextcloudProperties.Retry(1,
                        Duration.ofMillis(1), Duration.ofSeconds(1))),
                new SingleUserCredentialSource("alice", "revoked"), wait -> { }, Clock.systemUTC());
        assertThatThrownBy(() -> http.send(org.ncmcp.resource.nextcloud.NextcloudRequest.get(
                "/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json")))
                .isInstanceOf(NextcloudAuthenticationException.class);
    }
}
