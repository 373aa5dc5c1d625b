package org.ncmcp.resource.apps.tasks;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Inputs and outputs of the Tasks tools; their JSON schemas are generated from these records. */
final class TasksToolModels {

    private TasksToolModels() {
    }

    static final String CALENDAR = "Task list (calendar) id from nc_calendar_list_calendars, or its display name.";
    static final String STATUS = "NEEDS-ACTION, IN-PROCESS, COMPLETED or CANCELLED.";
    static final String WHEN = "ISO-8601 date (2026-12-03) or date-time with offset (2026-12-03T17:00:00Z).";

    @Schema(description = "A task (VTODO).")
    record Task(
            @Schema(description = "Task list (calendar) id.") String calendar,
            @Schema(description = "The task's UID; pass it to update or delete.") String uid,
            @Schema(description = "Version tag; pass it to update or delete only this version.") String etag,
            String title,
            String description,
            @Schema(description = STATUS + " Empty when unset.") String status,
            @Schema(description = "0-100.") int percentComplete,
            @Schema(description = "0-9 (1 highest, 0 undefined).") int priority,
            @Schema(description = "Due (ISO-8601), empty when unset.") String due,
            @Schema(description = "Start (ISO-8601), empty when unset.") String start,
            @Schema(description = "When it was completed (ISO-8601), empty when not.") String completed,
            List<String> categories) {
    }

    record TaskList(int count, boolean truncated, List<Task> tasks) {
    }

    record ListTasksInput(
            @Schema(description = CALENDAR + " Default: all lists that hold tasks.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Only tasks with this status: " + STATUS, example = "NEEDS-ACTION",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Only tasks with this priority (1-9).", example = "1",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(0) @Max(9) Integer priority,
            @Schema(description = "Only tasks with at least one of these categories.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) List<String> categories,
            @Schema(description = "Only tasks whose title or description contains this (case-insensitive).",
                    example = "report", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String text,
            @Schema(description = "Most results (1-500, default 100).", example = "100",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(500) Integer limit) {
    }

    record SearchTasksInput(
            @Schema(description = "Text to find in title, description or categories (case-insensitive).",
                    example = "invoice") @NotBlank @Size(max = 200) String query,
            @Schema(description = "Also completed and cancelled tasks (default true).",
                    requiredMode = RequiredMode.NOT_REQUIRED) Boolean includeDone,
            @Schema(description = "Most results (1-500, default 100).", example = "100",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Min(1) @Max(500) Integer limit) {
    }

    record CreateTaskInput(
            @Schema(description = "Title (SUMMARY).", example = "Send invoice") @NotBlank @Size(max = 500) String title,
            @Schema(description = CALENDAR + " Default: your first list that holds tasks.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Description.", example = "For the December order",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20000) String description,
            @Schema(description = "Due. " + WHEN, example = "2026-12-10", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 40) String due,
            @Schema(description = "Start. " + WHEN, example = "2026-12-05", requiredMode = RequiredMode.NOT_REQUIRED)
            @Size(max = 40) String start,
            @Schema(description = "Priority 0-9 (1 highest).", example = "1", requiredMode = RequiredMode.NOT_REQUIRED)
            @Min(0) @Max(9) Integer priority,
            @Schema(description = "Categories (tags).", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50)
            List<String> categories,
            @Schema(description = STATUS + " Default NEEDS-ACTION.", example = "NEEDS-ACTION",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Percent complete 0-100.", example = "0", requiredMode = RequiredMode.NOT_REQUIRED)
            @Min(0) @Max(100) Integer percentComplete) {
    }

    record UpdateTaskInput(
            @Schema(description = "The task's UID.", example = "0b7f3c1e-2a4d-4f8e-9c1b-3d5e7f9a1b2c") @NotBlank
            @Size(max = 500) String uid,
            @Schema(description = CALENDAR + " Default: search all lists.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "The etag from when you read the task: if it changed since, nothing is written"
                    + " and the error names the current etag.", example = "a1b2c3",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String etag,
            @Schema(description = "New title.", example = "Send invoice (reminder)",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 500) String title,
            @Schema(description = "New description; empty string clears it.", example = "Paid by card",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20000) String description,
            @Schema(description = "New status: " + STATUS + " COMPLETED also sets completed (now) and 100 %.",
                    example = "COMPLETED", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 20) String status,
            @Schema(description = "Percent complete 0-100.", example = "50", requiredMode = RequiredMode.NOT_REQUIRED)
            @Min(0) @Max(100) Integer percentComplete,
            @Schema(description = "New due; empty string clears it. " + WHEN, example = "2026-12-12",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String due,
            @Schema(description = "New start; empty string clears it. " + WHEN, example = "2026-12-06",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40) String start,
            @Schema(description = "When it was completed (date-time); empty string clears it.",
                    example = "2026-12-08T16:00:00Z", requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 40)
            String completed,
            @Schema(description = "Priority 0-9.", example = "2", requiredMode = RequiredMode.NOT_REQUIRED) @Min(0)
            @Max(9) Integer priority,
            @Schema(description = "New categories (replace the old); empty list clears.",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 50) List<String> categories) {
    }

    record DeleteTaskInput(
            @Schema(description = "The task's UID.", example = "0b7f3c1e-2a4d-4f8e-9c1b-3d5e7f9a1b2c") @NotBlank
            @Size(max = 500) String uid,
            @Schema(description = CALENDAR + " Default: search all lists.", example = "personal",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String calendar,
            @Schema(description = "Delete only if the task still has this etag.", example = "a1b2c3",
                    requiredMode = RequiredMode.NOT_REQUIRED) @Size(max = 200) String etag) {
    }

    record Deleted(String calendar, String uid, boolean deleted) {
    }
}
