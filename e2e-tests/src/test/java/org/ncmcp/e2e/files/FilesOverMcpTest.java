package org.ncmcp.e2e.files;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.SabreDav;

/** The Files scenarios on sabre/dav 1.8 (PHP), in Nextcloud's URL layout behind the simulator. */
class FilesOverMcpTest extends FilesScenarios {

    @BeforeAll
    static void startOnSabre() {
        startWith(SabreDav.startOrSkip());
    }

    @AfterAll
    static void stopOnSabre() {
        stopAll();
    }
}
