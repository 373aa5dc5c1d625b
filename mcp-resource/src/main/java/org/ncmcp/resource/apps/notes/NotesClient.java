package org.ncmcp.resource.apps.notes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudException;
import org.ncmcp.resource.nextcloud.NextcloudHttpClient;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.nextcloud.NextcloudProtocolException;
import org.ncmcp.resource.nextcloud.NextcloudRequest;
import org.ncmcp.resource.nextcloud.NextcloudResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of the Nextcloud Notes API v1 ({@code /index.php/apps/notes/api/v1}, nextcloud-api.md §1.2),
 * with its quirks: create answers 200, delete answers {@code []}, a stale {@code If-Match} answers 412
 * with the current note as the body, and chunked listings end with {@code {id}} stubs.
 */
public class NotesClient {

    static final String BASE = "/index.php/apps/notes/api/v1";
    /** Notes per listing request: large enough for few round trips, small enough to bound each response. */
    static final int DEFAULT_CHUNK_SIZE = 200;
    private static final TypeReference<List<Note>> NOTE_LIST = new TypeReference<>() { };

    private final NextcloudHttpClient http;
    private final JsonMapper json;
    private final int chunkSize;

    public NotesClient(NextcloudHttpClient http, JsonMapper json) {
        this(http, json, DEFAULT_CHUNK_SIZE);
    }

    public NotesClient(NextcloudHttpClient http, JsonMapper json, int chunkSize) {
        this.http = http;
        this.json = json;
        this.chunkSize = chunkSize;
    }

    /** Every note with its content, walking the chunked listing to the end. */
    public List<Note> listNotes() {
        Map<Long, Note> notes = new LinkedHashMap<>();
        String cursor = null;
        do {
            String query = "?chunkSize=" + chunkSize + (cursor == null ? "" : "&chunkCursor=" + encode(cursor));
            NextcloudResponse response = http.send(NextcloudRequest.get(BASE + "/notes" + query));
            for (Note note : parse(response, NOTE_LIST)) {
                if (!note.isStub()) {
                    notes.put(note.id(), note);
                }
            }
            cursor = response.header("X-Notes-Chunk-Cursor").orElse(null);
        } while (cursor != null && !cursor.isBlank());
        return new ArrayList<>(notes.values());
    }

    public Note getNote(long id) {
        try {
            return parse(http.send(NextcloudRequest.get(BASE + "/notes/" + id)), Note.class);
        } catch (NextcloudNotFoundException missing) {
            throw noSuchNote(id);
        }
    }

    public Note createNote(String title, String content, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("content", content == null ? "" : content);
        body.put("category", category == null ? "" : category);
        NextcloudRequest request = NextcloudRequest.post(BASE + "/notes")
                .body("application/json", json.writeValueAsBytes(body));
        return parse(http.send(request), Note.class);
    }

    /**
     * Updates the given fields (null ones are left as they are) if the note still has {@code etag}.
     *
     * @throws NextcloudConflictException when the note changed meanwhile; carries the current etag
     */
    public Note updateNote(long id, String etag, String title, String content, String category) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (title != null) {
            body.put("title", title);
        }
        if (content != null) {
            body.put("content", content);
        }
        if (category != null) {
            body.put("category", category);
        }
        NextcloudRequest request = NextcloudRequest.put(BASE + "/notes/" + id)
                .header("If-Match", "\"" + etag + "\"")
                .body("application/json", json.writeValueAsBytes(body));
        try {
            return parse(http.send(request), Note.class);
        } catch (NextcloudNotFoundException missing) {
            throw noSuchNote(id);
        } catch (NextcloudConflictException conflict) {
            throw staleEtag(id, etag, conflict);
        }
    }

    public void deleteNote(long id) {
        try {
            http.send(NextcloudRequest.delete(BASE + "/notes/" + id));
        } catch (NextcloudNotFoundException missing) {
            throw noSuchNote(id);
        }
    }

    /** An attachment of a note, by the relative path the note's Markdown uses (Notes API 1.4). */
    public NoteAttachment getAttachment(long noteId, String path) {
        NextcloudRequest request = NextcloudRequest.get(BASE + "/attachment/" + noteId + "?path=" + encode(path))
                .header("Accept", "*/*");
        try {
            NextcloudResponse response = http.send(request);
            String type = response.header("Content-Type").orElse("application/octet-stream");
            return new NoteAttachment(path, type, response.body());
        } catch (NextcloudNotFoundException missing) {
            throw new NextcloudNotFoundException(404, "Note " + noteId + " has no attachment '" + path
                    + "' (or the note does not exist). Attachment paths are the ones the note's content links to,"
                    + " e.g. .attachments." + noteId + "/image.png.");
        }
    }

    private NextcloudException staleEtag(long id, String etag, NextcloudConflictException conflict) {
        // Notes answers 412 with the current note as the body; its etag is the one to merge against.
        String current = conflict.currentEtag();
        try {
            Note now = json.readValue(conflict.responseBody(), Note.class);
            if (now != null && now.etag() != null) {
                current = now.etag();
            }
        } catch (JacksonException unreadable) {
            // keep the header etag, if any
        }
        String message = "Conflict: note " + id + " was changed since you read it (you sent etag " + etag
                + (current == null ? "" : ", the current etag is " + current)
                + "). Nothing was overwritten. Read the note again with nc_notes_get_note, merge your change into"
                + " the current content and update with the current etag.";
        return conflict.withMessage(message, current);
    }

    private static NextcloudNotFoundException noSuchNote(long id) {
        return new NextcloudNotFoundException(404, "Note " + id + " does not exist (it may have been deleted)."
                + " Use nc_notes_search_notes to find notes by title or content.");
    }

    private <T> T parse(NextcloudResponse response, Class<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException unreadable) {
            throw new NextcloudProtocolException(response.status(),
                    "Nextcloud's Notes app answered with something that is not a note. Is the Notes app enabled?",
                    unreadable);
        }
    }

    private <T> T parse(NextcloudResponse response, TypeReference<T> type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException unreadable) {
            throw new NextcloudProtocolException(response.status(),
                    "Nextcloud's Notes app answered with something that is not a list of notes. Is the Notes app"
                            + " enabled?", unreadable);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
