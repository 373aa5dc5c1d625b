package org.ncmcp.resource.apps.notes;

import java.util.Base64;
import java.util.List;
import org.ncmcp.model.tool.ToolCatalogue;
import org.ncmcp.resource.apps.notes.NotesToolModels.AppendContentInput;
import org.ncmcp.resource.apps.notes.NotesToolModels.AttachmentContent;
import org.ncmcp.resource.apps.notes.NotesToolModels.CreateNoteInput;
import org.ncmcp.resource.apps.notes.NotesToolModels.GetAttachmentInput;
import org.ncmcp.resource.apps.notes.NotesToolModels.NoteDeleted;
import org.ncmcp.resource.apps.notes.NotesToolModels.NoteDetails;
import org.ncmcp.resource.apps.notes.NotesToolModels.NoteIdInput;
import org.ncmcp.resource.apps.notes.NotesToolModels.NoteWritten;
import org.ncmcp.resource.apps.notes.NotesToolModels.SearchHit;
import org.ncmcp.resource.apps.notes.NotesToolModels.SearchNotesInput;
import org.ncmcp.resource.apps.notes.NotesToolModels.SearchResults;
import org.ncmcp.resource.apps.notes.NotesToolModels.UpdateNoteInput;
import org.ncmcp.resource.nextcloud.NextcloudConflictException;
import org.ncmcp.resource.nextcloud.NextcloudTooLargeException;
import org.ncmcp.resource.tool.NextcloudTool;
import org.ncmcp.resource.tool.ToolSet;

/** The seven Notes tools. */
public class NotesTools implements ToolSet {

    /** The separator {@code nc_notes_append_content} puts between old and new text. */
    static final String APPEND_SEPARATOR = "\n---\n";
    /** Appending re-reads and retries when someone else wrote in between; this many times at most. */
    private static final int APPEND_ATTEMPTS = 3;
    /** Attachments travel base64-encoded inside a JSON-RPC message; keep them reasonable. */
    static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

    private final NotesClient notes;

    public NotesTools(NotesClient notes) {
        this.notes = notes;
    }

    @Override
    public List<NextcloudTool<?, ?>> tools() {
        return List.of(
                NextcloudTool.of(ToolCatalogue.NOTES_CREATE_NOTE,
                        "Create a new note in Nextcloud Notes. Returns the new note's id and etag.",
                        CreateNoteInput.class, NoteWritten.class, this::create),
                NextcloudTool.of(ToolCatalogue.NOTES_GET_NOTE,
                        "Read one note: title, category, content and the etag needed to update it.",
                        NoteIdInput.class, NoteDetails.class, input -> NoteDetails.of(notes.getNote(input.noteId()))),
                NextcloudTool.of(ToolCatalogue.NOTES_UPDATE_NOTE,
                        "Change a note's title, content or category. Requires the etag from when you read the note;"
                                + " if the note changed since, nothing is overwritten and the error gives the current"
                                + " etag.",
                        UpdateNoteInput.class, NoteWritten.class, this::update),
                NextcloudTool.of(ToolCatalogue.NOTES_APPEND_CONTENT,
                        "Add text to the end of a note, separated from existing content by a line '---'. Safe"
                                + " against concurrent edits: it re-reads and retries if the note changes meanwhile.",
                        AppendContentInput.class, NoteWritten.class, this::append),
                NextcloudTool.of(ToolCatalogue.NOTES_SEARCH_NOTES,
                        "Search notes by words in their title, category and content, best matches first. Returns"
                                + " id, title and category; read a note with nc_notes_get_note.",
                        SearchNotesInput.class, SearchResults.class, this::search),
                NextcloudTool.of(ToolCatalogue.NOTES_GET_ATTACHMENT,
                        "Fetch a file a note links to (e.g. an image in .attachments.<id>/), base64-encoded, up to"
                                + " 10 MiB.",
                        GetAttachmentInput.class, AttachmentContent.class, this::attachment),
                NextcloudTool.of(ToolCatalogue.NOTES_DELETE_NOTE,
                        "Delete a note permanently (Nextcloud keeps it in the trash bin if enabled).",
                        NoteIdInput.class, NoteDeleted.class, this::delete));
    }

    private NoteWritten create(CreateNoteInput input) {
        return NoteWritten.of(notes.createNote(input.title(), input.content(), input.category()));
    }

    private NoteWritten update(UpdateNoteInput input) {
        return NoteWritten.of(notes.updateNote(input.noteId(), input.etag(), input.title(), input.content(),
                input.category()));
    }

    private NoteWritten append(AppendContentInput input) {
        for (int attempt = 1; ; attempt++) {
            Note current = notes.getNote(input.noteId());
            String existing = current.content() == null ? "" : current.content();
            String combined = existing.isEmpty() ? input.content() : existing + APPEND_SEPARATOR + input.content();
            try {
                return NoteWritten.of(notes.updateNote(input.noteId(), current.etag(), null, combined, null));
            } catch (NextcloudConflictException concurrentEdit) {
                if (attempt >= APPEND_ATTEMPTS) {
                    throw concurrentEdit.withMessage("Note " + input.noteId() + " kept changing while appending ("
                            + APPEND_ATTEMPTS + " attempts); nothing was appended. Try again.",
                            concurrentEdit.currentEtag());
                }
            }
        }
    }

    private SearchResults search(SearchNotesInput input) {
        int limit = input.limit() == null ? 20 : input.limit();
        List<NoteSearch.Hit> hits = NoteSearch.rank(notes.listNotes(), input.query());
        List<SearchHit> top = hits.stream().limit(limit)
                .map(hit -> new SearchHit(hit.note().id(), NotesToolModels.nullToEmpty(hit.note().title()),
                        NotesToolModels.nullToEmpty(hit.note().category()), hit.score()))
                .toList();
        return new SearchResults(input.query(), hits.size(), top);
    }

    private AttachmentContent attachment(GetAttachmentInput input) {
        NoteAttachment attachment = notes.getAttachment(input.noteId(), input.path());
        if (attachment.content().length > MAX_ATTACHMENT_BYTES) {
            throw new NextcloudTooLargeException(413, "The attachment is " + attachment.content().length
                    + " bytes; this tool returns at most " + MAX_ATTACHMENT_BYTES + " bytes. Open it in Nextcloud"
                    + " instead.");
        }
        return new AttachmentContent(input.noteId(), input.path(), attachment.contentType(),
                attachment.content().length, Base64.getEncoder().encodeToString(attachment.content()));
    }

    private NoteDeleted delete(NoteIdInput input) {
        Note note = notes.getNote(input.noteId());
        notes.deleteNote(input.noteId());
        return new NoteDeleted(input.noteId(), NotesToolModels.nullToEmpty(note.title()), true);
    }
}
