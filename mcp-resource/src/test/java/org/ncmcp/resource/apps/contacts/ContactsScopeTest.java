package org.ncmcp.resource.apps.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * In multi-user mode the scope filter takes the contacts tools' scopes from the catalogue: a {@code contacts:read}
 * token lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches
 * Nextcloud (which is unreachable here, so a call that got through would fail differently).
 */
class ContactsScopeTest extends MultiUserScopeTest {

    @Test
    void contactsReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = post(token("contacts:read"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_contacts_update_contact\",\"arguments\":"
                + "{\"addressBook\":\"contacts\",\"id\":\"a.vcf\",\"note\":\"x\"}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"contacts:read contacts:write\"");
    }

    @Test
    void contactsReadTokenListsOnlyTheReadTools() throws Exception {
        String body = post(token("contacts:read"), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}").body();
        List<String> names = JsonMapper.builder().build().readTree(body).path("result").path("tools").valueStream()
                .map(tool -> tool.path("name").asString()).toList();
        assertThat(names).contains("nc_contacts_list_address_books", "nc_contacts_list_contacts")
                .doesNotContain("nc_contacts_create_address_book", "nc_contacts_delete_address_book",
                        "nc_contacts_create_contact", "nc_contacts_update_contact", "nc_contacts_delete_contact");
    }

    @Test
    void aFilesTokenSeesNoContactsToolAndIsChallengedForContactsRead() throws Exception {
        String body = post(token("files:read"), "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}").body();
        assertThat(body).doesNotContain("nc_contacts_");
        HttpResponse<String> response = post(token("files:read"), "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_contacts_list_address_books\",\"arguments\":{}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).contains("contacts:read");
    }
}
