package org.ncmcp.resource.apps.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the scope filter takes the contacts tools' scopes from the catalogue: a {@code contacts:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud (which is unreachable here, so a call that got through would fail differently).
 */
class ContactsScopeTest extends MultiUserScopeTest {

    @Test
    void contactsReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        assertStepUpChallenge(callTool(token("contacts:read"), "nc_contacts_update_contact",
                "{\"addressBook\":\"contacts\",\"id\":\"a.vcf\",\"note\":\"x\"}"), "contacts:read contacts:write");
    }

    @Test
    void contactsReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(toolNames(listTools(token("contacts:read"))))
                .contains("nc_contacts_list_address_books", "nc_contacts_list_contacts")
                .doesNotContain("nc_contacts_create_address_book", "nc_contacts_delete_address_book",
                        "nc_contacts_create_contact", "nc_contacts_update_contact", "nc_contacts_delete_contact");
    }

    @Test
    void aFilesTokenSeesNoContactsToolAndIsChallengedForContactsRead() throws Exception {
        assertThat(listTools(token("files:read")).body()).doesNotContain("nc_contacts_");
        HttpResponse<String> response = callTool(token("files:read"), "nc_contacts_list_address_books", "{}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("contacts:read");
    }
}
