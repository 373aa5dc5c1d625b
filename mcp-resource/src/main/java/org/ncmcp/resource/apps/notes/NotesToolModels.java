package org.ncmcp.resource.apps.notes;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Inputs and outputs of the Notes tools; their JSON schemas are generated from these records. */
final class NotesToolModels {

    private NotesToolModels() {
    }

    record NoteIdInput(
            @Schema(description = "The note's id, as returned by nc_notes_search_notes or nc_notes_create_note.",
                    example = "42") @Positive long noteId) {
    }

    record CreateNoteInput(
            @Schema(description = "Title of the note. Nextcloud removes characters not allowed in file names and"
                    + " adds \" (2)\" if the title is taken in the category.", example = "Meeting notes 2026-11-22")
            @NotBlank @Size(max = 200) String title,
            @Schema(description = "The note's text, usually Markdown.", example = "# Agenda\n- budget",
                    requiredMode = RequiredMode.NOT_REQUIRED) String content,
            @Schema(description = "Category (a folder below Notes/); sub-categories use '/'. Empty for none.",
                    example = "Work/Meetings", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String category) {
    }

    record UpdateNoteInput(
            @Schema(description = "The note's id.", example = "42") @Positive long noteId,
            @Schema(description = "The etag from when you last read the note. If the note changed since, nothing is"
                    + " written and the error tells you the current etag.", example = "be284e00488c61c101ee28309d235e0b")
            @NotBlank String etag,
            @Schema(description = "New title; omit to keep it.", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(min = 1, max = 200) String title,
            @Schema(description = "New content, replacing the old; omit to keep it.",
                    requiredMode = RequiredMode.NOT_REQUIRED) String content,
            @Schema(description = "New category; omit to keep it, empty string for none.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String category) {
    }

    record AppendContentInput(
            @Schema(description = "The note's id.", example = "42") @Positive long noteId,
            @Schema(description = "Text to add at the end. It is separated from existing content by a line"
                    + " '---'; an empty note gets the text alone.", example = "- call the plumber")
            @NotBlank String content) {
    }

    record SearchNotesInput(
            @Schema(description = "Words to look for in titles, categories and content; every word must occur."
                    + " Case-insensitive.", example = "budget meeting") @NotBlank @Size(max = 500) String query,
            @Schema(description = "Most results to return (1-100, default 20).", example = "20",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(100) Integer limit) {
    }

    record GetAttachmentInput(
            @Schema(description = "The id of the note that links to the attachment.", example = "42")
            @Positive long noteId,
            @Schema(description = "The attachment's path relative to the note, as the note's Markdown links to"
                    + " it.", example = ".attachments.42/diagram.png") @NotBlank @Size(max = 1000) String path) {
    }

    @Schema(description = "A note with its content.")
    record NoteDetails(
            @Schema(description = "The note's id.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Category; empty for none.") String category,
            @Schema(description = "Content.") String content,
            @Schema(description = "Version tag; pass it to nc_notes_update_note.") String etag,
            @Schema(description = "Whether the note is a favorite.") boolean favorite,
            @Schema(description = "Whether the note is read-only for this user.") boolean readonly,
            @Schema(description = "Last modification, ISO-8601 UTC.") String modified) {

        static NoteDetails of(Note note) {
            return new NoteDetails(note.id(), nullToEmpty(note.title()), nullToEmpty(note.category()),
                    nullToEmpty(note.content()), nullToEmpty(note.etag()), Boolean.TRUE.equals(note.favorite()),
                    Boolean.TRUE.equals(note.readonly()), isoTime(note.modified()));
        }
    }

    @Schema(description = "A note after it was written, without its content.")
    record NoteWritten(
            @Schema(description = "The note's id.") long id,
            @Schema(description = "Title as Nextcloud stored it (it may have been sanitised or de-duplicated).")
            String title,
            @Schema(description = "Category; empty for none.") String category,
            @Schema(description = "New version tag; use it for the next update.") String etag,
            @Schema(description = "Last modification, ISO-8601 UTC.") String modified) {

        static NoteWritten of(Note note) {
            return new NoteWritten(note.id(), nullToEmpty(note.title()), nullToEmpty(note.category()),
                    nullToEmpty(note.etag()), isoTime(note.modified()));
        }
    }

    @Schema(description = "The outcome of a deletion.")
    record NoteDeleted(
            @Schema(description = "The deleted note's id.") long id,
            @Schema(description = "Title of the deleted note.") String title,
            @Schema(description = "Always true; a failure is reported as an error instead.") boolean deleted) {
    }

    @Schema(description = "Notes matching a query, best first.")
    record SearchResults(
            @Schema(description = "The query as given.") String query,
            @Schema(description = "How many notes matched in all.") int totalMatches,
            @Schema(description = "The best matches, at most 'limit'.") List<SearchHit> results) {
    }

    @Schema(description = "One matching note.")
    record SearchHit(
            @Schema(description = "The note's id.") long id,
            @Schema(description = "Title.") String title,
            @Schema(description = "Category; empty for none.") String category,
            @Schema(description = "Relevance; higher is better.") int score) {
    }

    @Schema(description = "An attachment's content.")
    record AttachmentContent(
            @Schema(description = "The note's id.") long noteId,
            @Schema(description = "The attachment's path.") String path,
            @Schema(description = "Media type, e.g. image/png.") String mimeType,
            @Schema(description = "Size in bytes.") int sizeBytes,
            @Schema(description = "The content, base64-encoded.") String contentBase64) {
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static String isoTime(Long unixSeconds) {
        return unixSeconds == null ? "" : Instant.ofEpochSecond(unixSeconds).toString();
    }
}
