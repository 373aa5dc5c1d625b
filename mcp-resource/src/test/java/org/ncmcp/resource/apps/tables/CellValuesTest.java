package org.ncmcp.resource.apps.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.apps.tables.TablesModels.ColumnInfo;
import org.ncmcp.resource.apps.tables.TablesModels.SelectionOption;
import org.ncmcp.resource.tool.InvalidToolInputException;

class CellValuesTest {

    private static final ColumnInfo NAME = new ColumnInfo(1, "Name", "text", "line", true, null, null, List.of());
    private static final ColumnInfo AGE = new ColumnInfo(2, "Age", "number", "", false, 0.0, 150.0, List.of());
    private static final ColumnInfo STATUS = new ColumnInfo(3, "Status", "selection", "", false, null, null,
            List.of(new SelectionOption(1, "Open"), new SelectionOption(2, "Done")));
    private static final ColumnInfo DONE = new ColumnInfo(4, "Checked", "selection", "check", false, null, null,
            List.of());
    private static final ColumnInfo DUE = new ColumnInfo(5, "Due", "datetime", "date", false, null, null, List.of());
    private static final ColumnInfo TAGS = new ColumnInfo(6, "Tags", "selection", "multi", false, null, null,
            List.of(new SelectionOption(1, "red"), new SelectionOption(2, "blue")));
    private static final CellValues CELLS = new CellValues(List.of(NAME, AGE, STATUS, DONE, DUE, TAGS));

    private static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return values;
    }

    @Test
    void valuesByTitleOrIdBecomeWhatTablesStores() {
        Map<Long, Object> cells = CELLS.toCells(values("name", "Ada", "2", 36, "Status", "done", "Checked", true,
                "Due", "2026-03-01", "Tags", List.of("blue", "red")), true);
        assertThat(cells).containsEntry(1L, "Ada").containsEntry(2L, 36L).containsEntry(3L, 2L)
                .containsEntry(4L, "true").containsEntry(5L, "2026-03-01").containsEntry(6L, List.of(2L, 1L));
        assertThat(CELLS.toValues(cells)).containsEntry("Status", "Done").containsEntry("Checked", true)
                .containsEntry("Tags", List.of("blue", "red"));
    }

    @Test
    void wrongTypesOutOfRangeUnknownOptionsAndColumnsAreAllNamedAtOnce() {
        assertThatThrownBy(() -> CELLS.toCells(values("Name", 5, "Age", 200, "Status", "Maybe", "Due", "1 March",
                "Colour", "red"), true))
                .isInstanceOf(InvalidToolInputException.class)
                .hasMessageContaining("column 'Name' (text): expected text")
                .hasMessageContaining("200 is out of range")
                .hasMessageContaining("'Maybe' is not an option")
                .hasMessageContaining("'1 March' is not in that format")
                .hasMessageContaining("no column 'Colour' (columns: Name (id 1), Age (id 2)");
    }

    @Test
    void aNewRowNeedsItsMandatoryColumnsAnUpdateDoesNot() {
        assertThatThrownBy(() -> CELLS.toCells(values("Age", 3), true))
                .isInstanceOf(InvalidToolInputException.class).hasMessageContaining("'Name' is mandatory");
        assertThat(CELLS.toCells(values("Age", 3), false)).containsEntry(2L, 3L);
    }
}
