package org.ncmcp.model.scope;

import java.util.Arrays;
import java.util.Optional;

/** The Nextcloud apps a user can grant an assistant access to; each is the first half of a scope. */
public enum NextcloudApp {
    NOTES("notes", "notes"),
    CALENDAR("calendar", "calendars and events"),
    TODO("todo", "tasks"),
    CONTACTS("contacts", "contacts and address books"),
    FILES("files", "files and folders"),
    DECK("deck", "Deck boards and cards"),
    TABLES("tables", "tables and their rows"),
    COOKBOOK("cookbook", "recipes"),
    SHARING("sharing", "shares of your files");

    private final String id;
    private final String displayName;

    NextcloudApp(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** What a person sees on a consent page, e.g. "calendars and events". */
    public String displayName() {
        return displayName;
    }

    /** The name used in scope strings, e.g. {@code notes}. */
    public String id() {
        return id;
    }

    public static Optional<NextcloudApp> fromId(String id) {
        return Arrays.stream(values()).filter(app -> app.id.equals(id)).findFirst();
    }
}
