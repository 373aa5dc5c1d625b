package org.ncmcp.resource.apps.calendar.caldav;

import java.util.List;

/**
 * A calendar collection below the user's calendar home.
 *
 * @param id the collection's last path segment (decoded), e.g. {@code personal}; what tools call a calendar
 * @param path its encoded path below the Nextcloud base URL, with trailing slash
 */
public record CalendarCollection(String id, String path, String displayName, String color, String description,
        List<String> components) {

    public boolean holds(String component) {
        // RFC 4791 5.2.3: without the property, any component type may be stored
        return components.isEmpty() || components.contains(component);
    }
}
