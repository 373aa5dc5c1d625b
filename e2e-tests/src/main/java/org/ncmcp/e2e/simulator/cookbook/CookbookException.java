package org.ncmcp.e2e.simulator.cookbook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Cookbook failure and the body the app answers with: {@code {"msg","file","line"}} where it catches its own
 * exceptions (409 name exists, 422 no name), a plain JSON string elsewhere (400 import, 502 delete), or the bare
 * recipe id (404 on show).
 */
final class CookbookException extends RuntimeException {

    private final int status;
    private final Object body;

    CookbookException(int status, long missingId) {
        super("recipe " + missingId + " not found", null, false, false);
        this.status = status;
        this.body = missingId;
    }

    CookbookException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
        this.body = message;
    }

    CookbookException(int status, String message, boolean structured) {
        super(message, null, false, false);
        this.status = status;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("msg", message);
        error.put("file", "/var/www/html/custom_apps/cookbook/lib/Service/RecipeService.php");
        error.put("line", status == 409 ? 247 : 203);
        this.body = structured ? error : message;
    }

    int status() {
        return status;
    }

    Object body() {
        return body;
    }
}
