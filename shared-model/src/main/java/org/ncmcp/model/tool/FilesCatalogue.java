package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.FILES;

import java.util.List;
import org.ncmcp.model.scope.Scope;

/**
 * The files (WebDAV) tools of the catalogue (name, title, scope, hints). Kept in a file of its own so each
 * app's tools can be added without touching the others; {@link ToolCatalogue} indexes them all.
 */
public final class FilesCatalogue {

    public static final String LIST_DIRECTORY_NAME = "nc_files_list_directory";
    public static final String READ_FILE_NAME = "nc_files_read_file";
    public static final String WRITE_FILE_NAME = "nc_files_write_file";
    public static final String CREATE_DIRECTORY_NAME = "nc_files_create_directory";
    public static final String DELETE_NAME = "nc_files_delete";
    public static final String MOVE_NAME = "nc_files_move";
    public static final String COPY_NAME = "nc_files_copy";
    public static final String SEARCH_NAME = "nc_files_search";
    public static final String FIND_BY_NAME_NAME = "nc_files_find_by_name";
    public static final String FIND_BY_TYPE_NAME = "nc_files_find_by_type";
    public static final String LIST_FAVORITES_NAME = "nc_files_list_favorites";

    public static final ToolInfo LIST_DIRECTORY = read(LIST_DIRECTORY_NAME, "List folder");
    public static final ToolInfo READ_FILE = read(READ_FILE_NAME, "Read file");
    // Replacing a file's content loses the old content (Nextcloud may keep a version): destructive; writing the same
    // content again changes nothing more: idempotent.
    public static final ToolInfo WRITE_FILE = new ToolInfo(WRITE_FILE_NAME, "Write file", Scope.write(FILES),
            new ToolHints(false, true, true, false));
    // Only adds a folder; a second call finds it there and changes nothing.
    public static final ToolInfo CREATE_DIRECTORY = new ToolInfo(CREATE_DIRECTORY_NAME, "Create folder",
            Scope.write(FILES), new ToolHints(false, false, true, false));
    public static final ToolInfo DELETE = new ToolInfo(DELETE_NAME, "Delete file or folder", Scope.write(FILES),
            ToolHints.delete());
    // With overwrite=true a move or copy replaces what is at the destination; repeating a move finds no source.
    public static final ToolInfo MOVE = new ToolInfo(MOVE_NAME, "Move or rename", Scope.write(FILES),
            new ToolHints(false, true, false, false));
    public static final ToolInfo COPY = new ToolInfo(COPY_NAME, "Copy", Scope.write(FILES),
            new ToolHints(false, true, false, false));
    public static final ToolInfo SEARCH = read(SEARCH_NAME, "Search files");
    public static final ToolInfo FIND_BY_NAME = read(FIND_BY_NAME_NAME, "Find files by name");
    public static final ToolInfo FIND_BY_TYPE = read(FIND_BY_TYPE_NAME, "Find files by type");
    public static final ToolInfo LIST_FAVORITES = read(LIST_FAVORITES_NAME, "List favorite files");

    /** Every files tool, in the order they are listed. */
    public static final List<ToolInfo> TOOLS = List.of(LIST_DIRECTORY, READ_FILE, WRITE_FILE, CREATE_DIRECTORY,
            DELETE, MOVE, COPY, SEARCH, FIND_BY_NAME, FIND_BY_TYPE, LIST_FAVORITES);

    private FilesCatalogue() {
    }

    private static ToolInfo read(String name, String title) {
        return new ToolInfo(name, title, Scope.read(FILES), ToolHints.read());
    }
}
