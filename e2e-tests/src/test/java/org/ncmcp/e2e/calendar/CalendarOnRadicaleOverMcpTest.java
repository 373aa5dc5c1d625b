package org.ncmcp.e2e.calendar;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.Radicale;

/**
 * The same Calendar scenarios on Radicale 3, a second real CalDAV server with its own layout: the principal, the
 * calendar home and the address book home are one collection, {@code /remote.php/dav/alice/}. What passes on both
 * servers does not rest on sabre's or Nextcloud's accidents.
 */
class CalendarOnRadicaleOverMcpTest extends CalendarScenarios {

    @BeforeAll
    static void startOnRadicale() {
        startWith(Radicale.startOrSkip());
    }

    @AfterAll
    static void stopOnRadicale() {
        stopAll();
    }
}
