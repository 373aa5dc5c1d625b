package org.ncmcp.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.notes.Note;
import org.ncmcp.resource.apps.notes.NoteAttachment;
import org.ncmcp.resource.apps.notes.NotesClient;
import org.ncmcp.resource.credentials.SingleUserCredentialSource;
import org.ncmcp.resource.nextcloud.NextcloudAuthenticationException;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProperties;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.OcsResponses;
import tools.jackson.databind.json.JsonMapper;

/** Our Notes and OCS client code against the fixtures' responses: the other half of the contract. */
class NotesClientContractTest {

    private ContractStubServer stub;

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    private NextcloudHttpClient http(String... fixtureIds) throws Exception {
        stub = new ContractStubServer(List.of(fixtureIds).stream().map(ContractFixture::named).toList());
        NextcloudProperties properties = new NextcloudProperties(URI.create(stub.baseUrl()), "alice", "stub-app-password",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 10, new NextcloudProperties.Retry(1, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        return new NextcloudHttpClient(properties, new SingleUserCredentialSource("alice", "stub-app-password"),
                wait -> { }, Clock.systemUTC());
    }

    private NotesClient notes(String... fixtureIds) throws Exception {
        return new NotesClient(http(fixtureIds), JsonMapper.builder().build());
    }

    @Test
    void readsANote() throws Exception {
        Note note = notes("notes/get").getNote(1000);
        assertThat(note.title()).isEqualTo("Plan");
        assertThat(note.category()).isEqualTo("Work");
        assertThat(note.etag()).isEqualTo("etag-0");
    }

    @Test
    void missingNoteIsNotFoundNamingTheNote() throws Exception {
        assertThatThrownBy(() -> notes("notes/get-missing").getNote(987654))
                .isInstanceOf(NextcloudNotFoundException.class).hasMessageContaining("Note 987654 does not exist");
    }

    @Test
    void createAcceptsTheTwoHundredAnswer() throws Exception {
        Note created = notes("notes/create").createNote("Shopping", "milk", "Home");
        assertThat(created.id()).isEqualTo(101L);
        assertThat(created.category()).isEqualTo("Home");
    }

    @Test
    void staleEtagBecomesAConflictCarryingTheEtagOfTheNoteInThe412Body() throws Exception {
        assertThatThrownBy(() -> notes("notes/update-stale-etag").updateNote(1000, "0123456789abcdef0123456789abcdef",
                null, "lost?", null))
                .isInstanceOfSatisfying(NextcloudConflictException.class,
                        conflict -> assertThat(conflict.currentEtag()).isEqualTo("etag-0"))
                .hasMessageContaining("the current etag is etag-0");
    }

    @Test
    void deleteAcceptsTheEmptyArrayAnswer() throws Exception {
        NotesClient client = notes("notes/delete");
        org.assertj.core.api.Assertions.assertThatCode(() -> client.deleteNote(1000)).doesNotThrowAnyException();
    }

    @Test
    void chunkedListingFollowsTheCursorAndDropsTheIdStubs() throws Exception {
        NextcloudHttpClient http = http("notes/list-chunk-first", "notes/list-chunk-last");
        List<Note> all = new NotesClient(http, JsonMapper.builder().build(), 2).listNotes();
        assertThat(all).extracting(Note::title).containsExactly("A", "B", "C");
    }

    @Test
    void wrongPasswordIsACredentialsError() throws Exception {
        NextcloudHttpClient http = http("notes/wrong-password");
        assertThatThrownBy(() -> http.send(NextcloudRequest.get("/index.php/apps/notes/api/v1/notes")))
                .isInstanceOf(NextcloudAuthenticationException.class);
    }

    @Test
    void attachmentKeepsItsBytesAndMediaType() throws Exception {
        NoteAttachment attachment = notes("notes/attachment").getAttachment(1000, ".attachments.1000/pic.png");
        assertThat(attachment.contentType()).isEqualTo("image/png");
        assertThat(new String(attachment.content(), StandardCharsets.UTF_8)).isEqualTo("PNG-BYTES");
    }

    @Test
    void ocsEnvelopeIsUnwrappedAndV1FailureIsDetectedDespiteHttp200() throws Exception {
        NextcloudHttpClient http = http("ocs/capabilities-v2", "ocs/v1-unknown-route-is-http-200");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(OcsResponses.data(json, http.send(NextcloudRequest.get("/ocs/v2.php/cloud/capabilities?format=json")))
                .path("capabilities").has("notes")).isTrue();
        assertThatThrownBy(() -> OcsResponses.data(json, http.send(NextcloudRequest.get("/ocs/v1.php/cloud/nope"))))
                .hasMessageContaining("reported failure 998");
    }
}
