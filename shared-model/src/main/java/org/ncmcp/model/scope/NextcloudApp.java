package org.ncmcp.model.scope;

import java.util.Arrays;
import java.util.Optional;

/** The Nextcloud apps a user can grant an assistant access to; each is the first half of a scope. */
public enum NextcloudApp {
    NOTES("notes"),
    CALENDAR("calendar"),
    TODO("todo"),
    CONTACTS("contacts"),
    FILES("files"),
    DECK("deck"),
    TABLES("tables"),
    COOKBOOK("cookbook"),
    SHARING("sharing");

    private final String id;

    NextcloudApp(String id) {
        this.id = id;
    }

    /** The name used in scope strings, e.g. {@code notes}. */
    public String id() {
        return id;
    }

    public static Optional<NextcloudApp> fromId(String id) {
        return Arrays.stream(values()).filter(app -> app.id.equals(id)).findFirst();
    }
}
