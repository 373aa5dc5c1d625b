package org.ncmcp.model.tool;

import static org.ncmcp.model.scope.NextcloudApp.NOTES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.model.scope.Scope;

/**
 * The catalogue of Nextcloud tools: one place that says which scope each tool needs. mcp-resource
 * enforces it per call and filters {@code tools/list} with it; the broker shows it on consent pages.
 */
public final class ToolCatalogue {

    public static final ToolInfo NOTES_GET_NOTE = new ToolInfo(ToolNames.NOTES_GET_NOTE, "Get note",
            Scope.read(NOTES), ToolHints.read());
    public static final ToolInfo NOTES_SEARCH_NOTES = new ToolInfo(ToolNames.NOTES_SEARCH_NOTES, "Search notes",
            Scope.read(NOTES), ToolHints.read());
    public static final ToolInfo NOTES_GET_ATTACHMENT = new ToolInfo(ToolNames.NOTES_GET_ATTACHMENT,
            "Get note attachment", Scope.read(NOTES), ToolHints.read());
    public static final ToolInfo NOTES_CREATE_NOTE = new ToolInfo(ToolNames.NOTES_CREATE_NOTE, "Create note",
            Scope.write(NOTES), ToolHints.additive());
    public static final ToolInfo NOTES_UPDATE_NOTE = new ToolInfo(ToolNames.NOTES_UPDATE_NOTE, "Update note",
            Scope.write(NOTES), ToolHints.update());
    // Appending twice appends twice, and it only adds text: neither idempotent nor destructive.
    public static final ToolInfo NOTES_APPEND_CONTENT = new ToolInfo(ToolNames.NOTES_APPEND_CONTENT,
            "Append to note", Scope.write(NOTES), ToolHints.additive());
    public static final ToolInfo NOTES_DELETE_NOTE = new ToolInfo(ToolNames.NOTES_DELETE_NOTE, "Delete note",
            Scope.write(NOTES), ToolHints.delete());

    /** The notes tools; the other apps' tools live in one catalogue file per app (e.g. {@link DeckCatalogue}). */
    public static final List<ToolInfo> NOTES_TOOLS = List.of(NOTES_GET_NOTE, NOTES_SEARCH_NOTES,
            NOTES_GET_ATTACHMENT, NOTES_CREATE_NOTE, NOTES_UPDATE_NOTE, NOTES_APPEND_CONTENT, NOTES_DELETE_NOTE);

    private static final Map<String, ToolInfo> BY_NAME = index(java.util.stream.Stream.of(NOTES_TOOLS,
            CalendarCatalogue.TOOLS, TasksCatalogue.TOOLS, ContactsCatalogue.TOOLS, FilesCatalogue.TOOLS,
            DeckCatalogue.TOOLS, TablesCatalogue.TOOLS, CookbookCatalogue.TOOLS, SharingCatalogue.TOOLS)
            .flatMap(List::stream).toList());

    private ToolCatalogue() {
    }

    public static List<ToolInfo> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<ToolInfo> find(String toolName) {
        return Optional.ofNullable(BY_NAME.get(toolName));
    }

    private static Map<String, ToolInfo> index(List<ToolInfo> tools) {
        Map<String, ToolInfo> byName = new LinkedHashMap<>();
        for (ToolInfo tool : tools) {
            if (byName.put(tool.name(), tool) != null) {
                throw new IllegalStateException("Duplicate tool name in catalogue: " + tool.name());
            }
        }
        return byName;
    }
}
