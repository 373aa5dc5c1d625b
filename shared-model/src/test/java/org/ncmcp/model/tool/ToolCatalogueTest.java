package org.ncmcp.model.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ncmcp.model.scope.Access;
import org.ncmcp.model.scope.NextcloudApp;

class ToolCatalogueTest {

    @Test
    void readOnlyToolsNeedReadScopeAndWritingToolsNeedWriteScope() {
        for (ToolInfo tool : ToolCatalogue.all()) {
            Access expected = tool.hints().readOnly() ? Access.READ : Access.WRITE;
            assertThat(tool.scope().access()).as(tool.name()).isEqualTo(expected);
        }
    }

    @Test
    void readOnlyToolsAreNeverDestructive() {
        assertThat(ToolCatalogue.all()).filteredOn(tool -> tool.hints().readOnly())
                .allSatisfy(tool -> assertThat(tool.hints().destructive()).as(tool.name()).isFalse());
    }

    @Test
    void everyNotesToolIsCatalogued() {
        // Only the notes tools: the other apps add theirs in their own catalogue files.
        assertThat(ToolCatalogue.all()).filteredOn(tool -> tool.scope().app() == NextcloudApp.NOTES)
                .extracting(ToolInfo::name).containsExactlyInAnyOrder("nc_notes_get_note", "nc_notes_search_notes",
                "nc_notes_get_attachment", "nc_notes_create_note", "nc_notes_update_note", "nc_notes_append_content", "nc_notes_delete_note");
        assertThat(ToolCatalogue.find("nc_notes_get_note")).contains(ToolCatalogue.NOTES_GET_NOTE);
        assertThat(ToolCatalogue.find("nope")).isEmpty();
    }

    @Test
    void toolNamesMustBeLowerSnakeCase() {
        assertThatThrownBy(() -> new ToolInfo("Bad-Name", "x", ToolCatalogue.NOTES_GET_NOTE.scope(), ToolHints.read()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
