package org.ncmcp.resource.apps.notes;

/** The bytes of a note attachment and their media type. */
public record NoteAttachment(String path, String contentType, byte[] content) {
}
