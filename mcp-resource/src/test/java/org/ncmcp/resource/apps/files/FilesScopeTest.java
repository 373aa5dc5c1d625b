package org.ncmcp.resource.apps.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ncmcp.resource.testsupport.MultiUserScopeTest;

/**
 * In multi-user mode the scope filter takes the files tools' scopes from the catalogue: a {@code files:read} token
 * lists the read tools only and gets the 403 step-up challenge on a write tool, before anything reaches Nextcloud.
 */
class FilesScopeTest extends MultiUserScopeTest {

    @Test
    void filesReadTokenGetsTheStepUpChallengeOnAWriteTool() throws Exception {
        assertStepUpChallenge(callTool(token("files:read"), "nc_files_write_file",
                "{\"path\":\"/a.txt\",\"content\":\"x\"}"), "files:read files:write");
    }

    @Test
    void filesReadTokenListsOnlyTheReadTools() throws Exception {
        assertThat(toolNames(listTools(token("files:read"))))
                .contains("nc_files_read_file", "nc_files_list_directory", "nc_files_list_favorites")
                .doesNotContain("nc_files_write_file", "nc_files_delete", "nc_files_move", "nc_files_copy",
                        "nc_files_create_directory");
    }
}
