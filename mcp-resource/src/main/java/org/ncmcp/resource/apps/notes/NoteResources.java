package org.ncmcp.resource.apps.notes;

import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncmcp.resource.nextcloud.NextcloudException;
import org.ncmcp.resource.nextcloud.NextcloudNotFoundException;
import org.ncmcp.resource.resources.ResourceErrors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource template {@code nc://Notes/{id}}: a note's Markdown content, with its title, category
 * and etag in {@code _meta}.
 */
public class NoteResources {

    static final String URI_TEMPLATE = "nc://Notes/{id}";
    private static final Pattern NOTE_URI = Pattern.compile("nc://Notes/(\\d{1,18})");

    private final NotesClient notes;
    private final JsonMapper json;

    public NoteResources(NotesClient notes, JsonMapper json) {
        this.notes = notes;
        this.json = json;
    }

    public SyncResourceTemplateSpecification specification() {
        McpSchema.ResourceTemplate template = McpSchema.ResourceTemplate.builder()
                .uriTemplate(URI_TEMPLATE)
                .name("note")
                .title("Nextcloud note")
                .description("A note from Nextcloud Notes by id, as Markdown. Requires scope notes:read.")
                .mimeType("text/markdown")
                .build();
        return new SyncResourceTemplateSpecification(template, (context, request) -> read(request.uri()));
    }

    McpSchema.ReadResourceResult read(String uri) {
        Matcher matcher = NOTE_URI.matcher(uri == null ? "" : uri);
        if (!matcher.matches()) {
            throw ResourceErrors.invalidUri(uri, "nc://Notes/{id} with a numeric id");
        }
        long id = Long.parseLong(matcher.group(1));
        try {
            Note note = notes.getNote(id);
            Map<String, Object> meta = Map.of("title", NotesToolModels.nullToEmpty(note.title()),
                    "category", NotesToolModels.nullToEmpty(note.category()),
                    "etag", NotesToolModels.nullToEmpty(note.etag()));
            McpSchema.TextResourceContents contents = new McpSchema.TextResourceContents(uri, "text/markdown",
                    NotesToolModels.nullToEmpty(note.content()), meta);
            return new McpSchema.ReadResourceResult(List.of(contents));
        } catch (NextcloudNotFoundException missing) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        } catch (NextcloudException failure) {
            throw ResourceErrors.nextcloudFailure(failure);
        }
    }
}
