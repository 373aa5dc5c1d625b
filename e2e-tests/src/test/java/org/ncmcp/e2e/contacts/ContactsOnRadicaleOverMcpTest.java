package org.ncmcp.e2e.contacts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.Radicale;

/**
 * The same Contacts scenarios on Radicale 3, a second real CardDAV server: its address book home is the principal
 * collection {@code /remote.php/dav/alice/}, shared with the calendars, so the tools must tell address books from
 * calendars by resource type, not by where they live.
 */
class ContactsOnRadicaleOverMcpTest extends ContactsScenarios {

    @BeforeAll
    static void startOnRadicale() {
        startWith(Radicale.startOrSkip(), "/remote.php/dav/alice/contacts/");
    }

    @AfterAll
    static void stopOnRadicale() {
        stopAll();
    }
}
