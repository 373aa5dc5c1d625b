package org.ncmcp.e2e.tasks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.Radicale;

/** The same Tasks scenarios on Radicale 3, whose calendar home is its principal collection. */
class TasksOnRadicaleOverMcpTest extends TasksScenarios {

    @BeforeAll
    static void startOnRadicale() {
        startWith(Radicale.startOrSkip());
    }

    @AfterAll
    static void stopOnRadicale() {
        stopAll();
    }
}
