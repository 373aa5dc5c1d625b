package org.ncmcp.resource.apps.tables;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ncmcp.resource.apps.tables.TablesModels.ColumnInfo;
import org.ncmcp.resource.apps.tables.TablesModels.SelectionOption;
import org.ncmcp.resource.apps.tables.TablesModels.UsergroupRules;
import org.ncmcp.resource.tool.InvalidToolInputException;

/**
 * Turns cell values keyed by column title or id into what Tables stores, checked against each column's type:
 * numbers within bounds, selections by label or option id (stored as ids), check boxes as "true"/"false", dates as
 * {@code YYYY-MM-DD}, times as {@code HH:mm}, date-times as {@code YYYY-MM-DD HH:mm}, users and groups as a list of
 * {@code {id, type}} (Tables' UsergroupBusiness: type 0 user, 1 group, 2 team), only of the kinds the column allows
 * and only one unless it allows several. And back: stored values to values by column title, with selection labels
 * and usergroup entries as {@code {id, type: user|group|team, displayName}}.
 */
final class CellValues {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final List<ColumnInfo> columns;

    CellValues(List<ColumnInfo> columns) {
        this.columns = columns;
    }

    /** @param insert whether the row is new: then every mandatory column needs a value */
    Map<Long, Object> toCells(Map<String, Object> values, boolean insert) {
        Map<Long, Object> cells = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            Optional<ColumnInfo> column = column(entry.getKey());
            if (column.isEmpty()) {
                problems.add("no column '" + entry.getKey() + "' (columns: " + names() + ")");
                continue;
            }
            try {
                cells.put(column.get().id(), convert(column.get(), entry.getValue()));
            } catch (IllegalArgumentException wrong) {
                problems.add("column '" + column.get().title() + "' (" + describe(column.get()) + "): "
                        + wrong.getMessage());
            }
        }
        if (insert) {
            for (ColumnInfo column : columns) {
                if (column.mandatory() && cells.get(column.id()) == null) {
                    problems.add("column '" + column.title() + "' is mandatory");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidToolInputException(String.join("; ", problems) + ".");
        }
        return cells;
    }

    /** Stored cells as values by column title; selection ids become their labels. */
    Map<String, Object> toValues(Map<Long, Object> cells) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ColumnInfo column : columns) {
            if (cells.containsKey(column.id())) {
                values.put(column.title(), readable(column, cells.get(column.id())));
            }
        }
        return values;
    }

    static String describe(ColumnInfo column) {
        return switch (column.type() + "/" + column.subtype()) {
            case "selection/check" -> "check box: true or false";
            case "selection/multi" -> "several of " + labels(column);
            case "datetime/date" -> "date YYYY-MM-DD";
            case "datetime/time" -> "time HH:mm";
            default -> switch (column.type()) {
                case "number" -> "number" + (column.numberMin() == null ? "" : " from " + plain(column.numberMin()))
                        + (column.numberMax() == null ? "" : " to " + plain(column.numberMax()));
                case "selection" -> "one of " + labels(column);
                case "datetime" -> "date and time YYYY-MM-DD HH:mm";
                case "text" -> "text";
                case "usergroup" -> usergroupKinds(column.usergroup()) + (column.usergroup().multiple()
                        ? ", one or a list of several" : ", exactly one");
                default -> column.type() + " (not writable by these tools)";
            };
        };
    }

    private Optional<ColumnInfo> column(String key) {
        if (key.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(key);
            Optional<ColumnInfo> byId = columns.stream().filter(c -> c.id() == id).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return columns.stream().filter(c -> c.title().equalsIgnoreCase(key.trim())).findFirst();
    }

    private static Object convert(ColumnInfo column, Object value) {
        if (value == null) {
            return null;
        }
        String subtype = column.subtype() == null ? "" : column.subtype();
        return switch (column.type()) {
            case "text" -> {
                if (!(value instanceof String text)) {
                    throw new IllegalArgumentException("expected text, got " + value);
                }
                yield text;
            }
            case "number" -> number(column, value);
            case "selection" -> switch (subtype) {
                case "check" -> {
                    if (value instanceof Boolean flag) {
                        yield flag.toString();
                    }
                    if ("true".equals(value) || "false".equals(value)) {
                        yield value;
                    }
                    throw new IllegalArgumentException("expected true or false, got " + value);
                }
                case "multi" -> {
                    List<Long> ids = new ArrayList<>();
                    for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                        ids.add(option(column, one));
                    }
                    yield ids;
                }
                default -> option(column, value);
            };
            case "datetime" -> dateTime(subtype, value);
            case "usergroup" -> usergroup(column, value);
            default -> throw new IllegalArgumentException("this column type cannot be written by these tools");
        };
    }

    private static Object number(ColumnInfo column, Object value) {
        double number;
        if (value instanceof Number given) {
            number = given.doubleValue();
        } else {
            try {
                number = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("expected a number, got " + value);
            }
        }
        if (Double.isNaN(number) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("expected a finite number");
        }
        if ((column.numberMin() != null && number < column.numberMin())
                || (column.numberMax() != null && number > column.numberMax())) {
            throw new IllegalArgumentException(plain(number) + " is out of range");
        }
        return number == Math.rint(number) && Math.abs(number) < 1e15 ? (Object) (long) number : (Object) number;
    }

    private static long option(ColumnInfo column, Object value) {
        for (SelectionOption option : column.options()) {
            if (option.label().equalsIgnoreCase(String.valueOf(value).trim())
                    || (value instanceof Number id && id.longValue() == option.id())) {
                return option.id();
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an option");
    }

    private static String dateTime(String subtype, Object value) {
        String text = String.valueOf(value).trim();
        try {
            return switch (subtype) {
                case "date" -> LocalDate.parse(text).toString();
                case "time" -> LocalTime.parse(text).format(DateTimeFormatter.ofPattern("HH:mm"));
                default -> LocalDateTime.parse(text.replace(' ', 'T')).format(DATE_TIME);
            };
        } catch (DateTimeParseException malformed) {
            throw new IllegalArgumentException("'" + text + "' is not in that format");
        }
    }

    /** The kinds a usergroup entry may be, by Tables' type number. */
    private static final List<String> KINDS = List.of("user", "group", "team");

    private static List<Map<String, Object>> usergroup(ColumnInfo column, Object value) {
        List<?> entries = value instanceof List<?> list ? list : List.of(value);
        if (entries.isEmpty()) {
            return List.of();
        }
        if (entries.size() > 1 && !column.usergroup().multiple()) {
            throw new IllegalArgumentException("this column holds one entry, got " + entries.size());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object entry : entries) {
            String kind;
            String id;
            String displayName = null;
            if (entry instanceof Map<?, ?> map) {
                id = map.get("id") == null ? "" : String.valueOf(map.get("id")).trim();
                Object type = map.get("type") == null ? "user" : map.get("type");
                kind = type instanceof Number number && number.intValue() >= 0 && number.intValue() < KINDS.size()
                        ? KINDS.get(number.intValue()) : String.valueOf(type).trim().toLowerCase(Locale.ROOT);
                displayName = map.get("displayName") == null ? null : String.valueOf(map.get("displayName"));
            } else if (entry instanceof String text) {
                int colon = text.indexOf(':');
                String prefix = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                kind = KINDS.contains(prefix) ? prefix : "user";
                id = (KINDS.contains(prefix) ? text.substring(colon + 1) : text).trim();
            } else {
                throw new IllegalArgumentException("expected a user id, \"group:<id>\", \"team:<id>\" or"
                        + " {id, type}, got " + entry);
            }
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("type must be user, group or team, got '" + kind + "'");
            }
            if (id.isEmpty() || id.length() > 255) {
                throw new IllegalArgumentException("an entry needs an id");
            }
            UsergroupRules rules = column.usergroup();
            boolean allowed = switch (kind) {
                case "user" -> rules.users();
                case "group" -> rules.groups();
                default -> rules.teams();
            };
            if (!allowed) {
                throw new IllegalArgumentException("this column does not take a " + kind + " ('" + id + "')");
            }
            Map<String, Object> stored = new LinkedHashMap<>();
            stored.put("id", id);
            stored.put("type", KINDS.indexOf(kind));
            stored.put("displayName", displayName == null || displayName.isBlank() ? id : displayName);
            out.add(stored);
        }
        return out;
    }

    private static String usergroupKinds(UsergroupRules rules) {
        List<String> kinds = new ArrayList<>();
        if (rules.users()) {
            kinds.add("user id (e.g. \"alice\")");
        }
        if (rules.groups()) {
            kinds.add("\"group:<group id>\"");
        }
        if (rules.teams()) {
            kinds.add("\"team:<team id>\"");
        }
        return String.join(" or ", kinds) + " (or {id, type})";
    }

    private static Object readable(ColumnInfo column, Object stored) {
        if ("usergroup".equals(column.type()) && stored instanceof List<?> entries) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map) {
                    Map<String, Object> readable = new LinkedHashMap<>();
                    readable.put("id", String.valueOf(map.get("id")));
                    int type = map.get("type") instanceof Number number ? number.intValue() : 0;
                    readable.put("type", type >= 0 && type < KINDS.size() ? KINDS.get(type) : String.valueOf(type));
                    readable.put("displayName", map.get("displayName") == null ? String.valueOf(map.get("id"))
                            : String.valueOf(map.get("displayName")));
                    out.add(readable);
                }
            }
            return out;
        }
        if (!"selection".equals(column.type()) || stored == null) {
            return stored;
        }
        if (stored instanceof List<?> ids) {
            return ids.stream().map(id -> label(column, id)).toList();
        }
        return "check".equals(column.subtype()) ? "true".equals(String.valueOf(stored)) : label(column, stored);
    }

    private static Object label(ColumnInfo column, Object id) {
        return column.options().stream().filter(o -> String.valueOf(o.id()).equals(String.valueOf(id)))
                .map(SelectionOption::label).findFirst().orElse(String.valueOf(id));
    }

    private String names() {
        return String.join(", ", columns.stream().map(c -> c.title() + " (id " + c.id() + ")").toList());
    }

    private static String labels(ColumnInfo column) {
        return column.options().stream().map(SelectionOption::label).toList().toString();
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number).toLowerCase(Locale.ROOT);
    }
}
