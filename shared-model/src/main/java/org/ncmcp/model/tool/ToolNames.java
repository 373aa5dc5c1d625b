package org.ncmcp.model.tool;

/** Tool names as compile-time constants, so code and catalogue cannot spell them differently. */
public final class ToolNames {

    public static final String NOTES_GET_NOTE = "nc_notes_get_note";
    public static final String NOTES_SEARCH_NOTES = "nc_notes_search_notes";
    public static final String NOTES_GET_ATTACHMENT = "nc_notes_get_attachment";
    public static final String NOTES_CREATE_NOTE = "nc_notes_create_note";
    public static final String NOTES_UPDATE_NOTE = "nc_notes_update_note";
    public static final String NOTES_APPEND_CONTENT = "nc_notes_append_content";
    public static final String NOTES_DELETE_NOTE = "nc_notes_delete_note";

    private ToolNames() {
    }
}
