package org.ncmcp.model.lease;

import org.ncmcp.model.scope.NextcloudApp;

/**
 * The Nextcloud API families a credential may need, by how Nextcloud authenticates them: OCS and plain
 * WebDAV accept OAuth bearer tokens (user_oidc / oidc app); the app APIs and CalDAV/CardDAV need Basic auth
 * with an app password.
 */
public enum NextcloudApi {
    OCS(true),
    WEBDAV(true),
    CALDAV(false),
    CARDDAV(false),
    APP_API(false);

    private final boolean acceptsBearerTokens;

    NextcloudApi(boolean acceptsBearerTokens) {
        this.acceptsBearerTokens = acceptsBearerTokens;
    }

    public boolean acceptsBearerTokens() {
        return acceptsBearerTokens;
    }

    /** The API family an app's tools call. */
    public static NextcloudApi of(NextcloudApp app) {
        return switch (app) {
            case FILES -> WEBDAV;
            case SHARING -> OCS;
            case CALENDAR, TODO -> CALDAV;
            case CONTACTS -> CARDDAV;
            default -> APP_API;
        };
    }
}
