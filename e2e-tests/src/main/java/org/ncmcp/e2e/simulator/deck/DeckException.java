package org.ncmcp.e2e.simulator.deck;

/**
 * A failure Deck's {@code ExceptionMiddleware} turns into {@code {"status":…,"message":…}} with that HTTP status
 * (nextcloud/deck {@code lib/Middleware/ExceptionMiddleware.php}).
 */
final class DeckException extends RuntimeException {

    private final int status;

    DeckException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static DeckException badRequest(String message) {
        return new DeckException(400, message);
    }

    /**
     * Deck maps {@code DoesNotExistException} to 403 on purpose, so a caller cannot tell a missing board, stack,
     * card or label from one they may not see (nextcloud-api.md §1.3).
     */
    static DeckException permissionDenied() {
        return new DeckException(403, "Permission denied");
    }

    static DeckException notFound(String message) {
        return new DeckException(404, message);
    }
}
