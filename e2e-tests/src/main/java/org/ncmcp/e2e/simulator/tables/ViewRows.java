package org.ncmcp.e2e.simulator.tables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ncmcp.e2e.simulator.tables.TablesState.FilterRule;
import org.ncmcp.e2e.simulator.tables.TablesState.Row;
import org.ncmcp.e2e.simulator.tables.TablesState.View;

/**
 * The rows a view shows: those matching any of its filter groups (every rule of a group holds), sorted by its
 * sort rules, each with only the view's columns. Operators are Tables' (TablesView.filter); values compare as text,
 * or as numbers for the greater/lower operators.
 */
final class ViewRows {

    private ViewRows() {
    }

    static List<Row> of(View view, List<Row> rows) {
        List<Row> matching = new ArrayList<>();
        for (Row row : rows) {
            if (view.filter().isEmpty() || view.filter().stream().anyMatch(group -> group.stream()
                    .allMatch(rule -> holds(rule, row.data().get(rule.columnId()))))) {
                matching.add(row);
            }
        }
        // sorted on all the row's cells: a view may sort by a column it does not show
        Comparator<Row> order = null;
        for (Map<String, Object> rule : view.sort()) {
            long column = ((Number) rule.get("columnId")).longValue();
            Comparator<Row> byColumn = Comparator.comparing(row -> sortKey(row.data().get(column)));
            if ("DESC".equals(rule.get("mode"))) {
                byColumn = byColumn.reversed();
            }
            order = order == null ? byColumn : order.thenComparing(byColumn);
        }
        if (order != null) {
            matching.sort(order);
        }
        List<Row> out = new ArrayList<>();
        for (Row row : matching) {
            Map<Long, Object> shown = new LinkedHashMap<>();
            row.data().forEach((column, value) -> {
                if (view.columns().contains(column)) {
                    shown.put(column, value);
                }
            });
            out.add(new Row(row.id(), row.tableId(), row.createdBy(), row.createdAt(), row.lastEditBy(),
                    row.lastEditAt(), shown));
        }
        return out;
    }

    /** Numbers sort as numbers (before text), everything else as text. */
    private static String sortKey(Object value) {
        double number = number(value);
        return Double.isNaN(number) ? "~" + text(value) : String.format("%030.10f", number + 1e15);
    }

    private static boolean holds(FilterRule rule, Object cell) {
        String value = text(cell).toLowerCase(Locale.ROOT);
        String wanted = text(rule.value()).toLowerCase(Locale.ROOT);
        return switch (rule.operator()) {
            case "is-equal" -> value.equals(wanted);
            case "is-not-equal" -> !value.equals(wanted);
            case "contains" -> value.contains(wanted);
            case "does-not-contain" -> !value.contains(wanted);
            case "begins-with" -> value.startsWith(wanted);
            case "ends-with" -> value.endsWith(wanted);
            case "is-empty" -> value.isEmpty();
            case "is-greater-than" -> number(cell) > number(rule.value());
            case "is-greater-than-or-equal" -> number(cell) >= number(rule.value());
            case "is-lower-than" -> number(cell) < number(rule.value());
            case "is-lower-than-or-equal" -> number(cell) <= number(rule.value());
            default -> false;
        };
    }

    private static String text(Object value) {
        if (value instanceof Double number && number == Math.rint(number)) {
            return Long.toString(number.longValue());
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static double number(Object value) {
        try {
            return Double.parseDouble(text(value));
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }
}
