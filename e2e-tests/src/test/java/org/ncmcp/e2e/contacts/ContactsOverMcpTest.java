package org.ncmcp.e2e.contacts;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ncmcp.e2e.dav.SabreDav;

/** The Contacts scenarios on sabre/dav 1.8 (PHP), in Nextcloud's URL layout behind the simulator. */
class ContactsOverMcpTest extends ContactsScenarios {

    @BeforeAll
    static void startOnSabre() {
        startWith(SabreDav.startOrSkip(), "/remote.php/dav/addressbooks/users/alice/contacts/");
    }

    @AfterAll
    static void stopOnSabre() {
        stopAll();
    }
}
