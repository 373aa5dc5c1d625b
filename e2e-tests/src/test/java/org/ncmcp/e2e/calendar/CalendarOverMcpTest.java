package org.ncmcp.e2e.calendar;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.SabreDav;

/** The Calendar scenarios on sabre/dav 1.8 (PHP), in Nextcloud's URL layout behind the simulator. */
class CalendarOverMcpTest extends CalendarScenarios {

    @BeforeAll
    static void startOnSabre() {
        startWith(SabreDav.startOrSkip());
    }

    @AfterAll
    static void stopOnSabre() {
        stopAll();
    }
}
