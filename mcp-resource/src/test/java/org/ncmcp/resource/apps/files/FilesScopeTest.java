package org.ncmcp.resource.apps.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * In multi-user mode the scope filter takes the files tools' scopes from the catalogue: a {@code files:read} token
 * lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches Nextcloud.
 */
class FilesScopeTest extends MultiUserScopeTest {

    @Test
    void filesReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        HttpResponse<String> response = post(token("files:read"), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"tools/call\",\"params\":{\"name\":\"nc_files_write_file\",\"arguments\":{\"path\":\"/a.txt\","
                + "\"content\":\"x\"}}}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                .startsWith("Bearer error=\"insufficient_scope\"").contains("scope=\"files:read files:write\"");
    }

    @Test
    void filesReadTokenListsOnlyTheReadTools() throws Exception {
        String body = post(token("files:read"), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}").body();
        List<String> names = JsonMapper.builder().build().readTree(body).path("result").path("tools").valueStream()
                .map(tool -> tool.path("name").asString()).toList();
        assertThat(names).contains("nc_files_read_file", "nc_files_list_directory", "nc_files_list_favorites")
                .doesNotContain("nc_files_write_file", "nc_files_delete", "nc_files_move", "nc_files_copy",
                        "nc_files_create_directory");
    }
}
