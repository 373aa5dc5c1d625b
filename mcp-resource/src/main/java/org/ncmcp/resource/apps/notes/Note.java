package org.ncmcp.resource.apps.notes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A note as the Notes API v1 returns it. {@code id} is the note file's id; {@code modified} is unix
 * seconds. Fields missing from a listing stub ({@code {"id":7}}) are null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Note(Long id, String etag, Boolean readonly, Long modified, String title, String category,
        String content, Boolean favorite) {

    /** The last chunk of a chunked listing ends with bare {@code {id}} stubs (nextcloud-api.md §1.2). */
    boolean isStub() {
        return title == null && etag == null;
    }
}
