package org.ncmcp.e2e.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ncmcp.e2e.mcp.SingleUserStack.list;

import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncmcp.e2e.mcp.SingleUserStack;
import org.ncmcp.e2e.simulator.dav.DavBackend;

/**
 * The eleven Files tools through a real MCP client, mcp-resource, the Nextcloud simulator and a real DAV server;
 * the concrete classes choose the server. The login name differs from the user id, so the files home must come
 * from discovery, not the configuration. Neither sabre/dav 1.8 nor Apache has WebDAV SEARCH or Nextcloud's
 * favorites REPORT: the search tools take their folder-walk path here, which the results say ({@code method}); the
 * Nextcloud-only paths are tested against Nextcloud-shaped answers in mcp-resource
 * ({@code FilesClientNextcloudAnswersTest}).
 */
abstract class FilesScenarios {

    private static SingleUserStack stack;

    /** The simulator in front of {@code backend}, alice's account, mcp-resource and an MCP client. */
    static void startWith(DavBackend backend) {
        stack = SingleUserStack.start(SingleUserStack.EMAIL_LOGIN, backend);
    }

    /** Stops all that {@link #startWith} started, and the backend it was given. */
    static void stopAll() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    private static void write(String path, String content) {
        stack.ok("nc_files_write_file", Map.of("path", path, "content", content));
    }

    @Test
    void listsElevenFilesToolsWithScopesAndExplicitHints() {
        List<McpSchema.Tool> tools = stack.mcp().listTools().tools().stream().filter(t -> t.name().startsWith("nc_files_"))
                .toList();
        assertThat(tools).hasSize(11);
        McpSchema.Tool mkdir = tools.stream().filter(t -> t.name().equals("nc_files_create_directory")).findFirst()
                .orElseThrow();
        assertThat(mkdir.annotations().destructiveHint()).isFalse();
        assertThat(mkdir.annotations().readOnlyHint()).isFalse();
        assertThat(mkdir.meta()).containsEntry("nextcloud-mcp/scope", "files:write");
        McpSchema.Tool read = tools.stream().filter(t -> t.name().equals("nc_files_read_file")).findFirst()
                .orElseThrow();
        assertThat(read.annotations().readOnlyHint()).isTrue();
        assertThat(read.meta()).containsEntry("nextcloud-mcp/scope", "files:read");
        assertThat(read.inputSchema().toString()).contains("examples", "description");
    }

    @Test
    void createDirectoryListAndTheirErrors() {
        assertThat(stack.ok("nc_files_create_directory", Map.of("path", "/Projects"))).containsEntry("created", true);
        assertThat(stack.error("nc_files_create_directory", Map.of("path", "/Projects"))).contains("/Projects already exists");
        assertThat(stack.error("nc_files_create_directory", Map.of("path", "/Nope/Deeper")))
                .contains("The folder /Nope does not exist");
        assertThat(stack.ok("nc_files_create_directory", Map.of("path", "/Nope/Deeper/Still", "parents", true)))
                .containsEntry("created", true);
        write("/Projects/plan.md", "# Plan");

        Map<String, Object> listing = stack.ok("nc_files_list_directory", Map.of("path", "/Projects"));
        assertThat(list(listing, "entries")).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("path", "/Projects/plan.md").containsEntry("type", "file")
                    .containsEntry("mimeType", "text/markdown");
            assertThat(((Number) entry.get("sizeBytes")).longValue()).isEqualTo(6);
            assertThat((String) entry.get("etag")).isNotBlank();
        });
        assertThat(list(stack.ok("nc_files_list_directory", Map.of()), "entries")).extracting(e -> e.get("path"))
                .contains("/Projects", "/Nope");
        assertThat(stack.error("nc_files_list_directory", Map.of("path", "/Missing"))).contains("no folder /Missing");
        assertThat(stack.error("nc_files_list_directory", Map.of("path", "/Projects/plan.md"))).contains("is a file");
        assertThat(stack.error("nc_files_create_directory", Map.of("path", "/Projects/plan.md/sub", "parents", true)))
                .contains("/Projects/plan.md exists and is a file");
    }

    @Test
    void writeCreatesButNeverOverwritesWithoutEtagOrOverwrite() {
        Map<String, Object> created = stack.ok("nc_files_write_file", Map.of("path", "/notes.txt", "content", "v1"));
        assertThat(created).containsEntry("created", true).containsEntry("sizeBytes", 2);
        String etag = (String) created.get("etag");

        assertThat(stack.error("nc_files_write_file", Map.of("path", "/notes.txt", "content", "oops")))
                .contains("/notes.txt already exists", "nothing was written");
        Map<String, Object> replaced = stack.ok("nc_files_write_file", Map.of("path", "/notes.txt", "content", "v2",
                "etag", etag));
        assertThat(replaced).containsEntry("created", false);
        assertThat(replaced.get("etag")).isNotEqualTo(etag);

        String stale = stack.error("nc_files_write_file", Map.of("path", "/notes.txt", "content", "v3", "etag", etag));
        assertThat(stale).startsWith("Conflict").contains("the current etag is " + replaced.get("etag"));
        assertThat(stack.ok("nc_files_read_file", Map.of("path", "/notes.txt"))).containsEntry("content", "v2");

        assertThat(stack.ok("nc_files_write_file", Map.of("path", "/notes.txt", "content", "v4", "overwrite", true)))
                .containsEntry("created", false);
        assertThat(stack.error("nc_files_write_file", Map.of("path", "/no-folder/x.txt", "content", "x")))
                .contains("The folder /no-folder does not exist");
    }

    @Test
    void readGivesTextAsTextBinaryAsBase64AndRefusesTooLarge() {
        write("/hello.md", "Grüße");
        assertThat(stack.ok("nc_files_read_file", Map.of("path", "hello.md"))).containsEntry("encoding", "utf-8")
                .containsEntry("content", "Grüße").containsEntry("mimeType", "text/markdown");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, 1};
        stack.ok("nc_files_write_file", Map.of("path", "/pic.png", "contentBase64", Base64.getEncoder().encodeToString(png),
                "mimeType", "image/png"));
        Map<String, Object> binary = stack.ok("nc_files_read_file", Map.of("path", "/pic.png"));
        assertThat(binary).containsEntry("encoding", "base64").containsEntry("mimeType", "image/png")
                .containsEntry("sizeBytes", png.length);
        assertThat(Base64.getDecoder().decode((String) binary.get("content"))).isEqualTo(png);

        assertThat(stack.error("nc_files_read_file", Map.of("path", "/hello.md", "maxBytes", 3)))
                .contains("/hello.md is 7 bytes", "at most 3 bytes");
        assertThat(stack.error("nc_files_read_file", Map.of("path", "/absent.txt"))).contains("no file or folder /absent.txt");
    }

    @Test
    void pathsCannotEscapeTheUsersRoot() {
        for (String path : List.of("../bob/secret.txt", "/a/../../etc", "a%2F..%2Fb", "http://evil.example.com/x",
                "a\\b")) {
            assertThat(stack.error("nc_files_read_file", Map.of("path", path))).startsWith("Invalid input for")
                    .contains("is not usable");
        }
    }

    @Test
    void moveAndCopyRefuseAnExistingDestinationUnlessOverwrite() {
        write("/m/a.txt".replace("/m", ""), "A");
        write("/b.txt", "B");
        assertThat(stack.error("nc_files_copy", Map.of("source", "/a.txt", "destination", "/b.txt")))
                .contains("destination /b.txt already exists");
        assertThat(stack.ok("nc_files_copy", Map.of("source", "/a.txt", "destination", "/b.txt", "overwrite", true)))
                .containsEntry("replacedExisting", true);
        assertThat(stack.ok("nc_files_read_file", Map.of("path", "/b.txt"))).containsEntry("content", "A");

        assertThat(stack.ok("nc_files_move", Map.of("source", "/a.txt", "destination", "/c.txt")))
                .containsEntry("replacedExisting", false);
        assertThat(stack.error("nc_files_read_file", Map.of("path", "/a.txt"))).contains("no file or folder /a.txt");
        assertThat(stack.error("nc_files_move", Map.of("source", "/a.txt", "destination", "/d.txt")))
                .contains("no file or folder /a.txt");
        assertThat(stack.error("nc_files_move", Map.of("source", "/c.txt", "destination", "/b.txt")))
                .contains("destination /b.txt already exists");
        assertThat(stack.error("nc_files_copy", Map.of("source", "/b.txt", "destination", "/ghost/b.txt")))
                .contains("The folder /ghost does not exist");
    }

    @Test
    void deleteRemovesAndReportsMissing() {
        stack.ok("nc_files_create_directory", Map.of("path", "/Trash me"));
        write("/Trash me/x.txt", "x");
        assertThat(stack.ok("nc_files_delete", Map.of("path", "/Trash me"))).containsEntry("wasFolder", true)
                .containsEntry("deleted", true);
        assertThat(stack.error("nc_files_delete", Map.of("path", "/Trash me"))).contains("no file or folder /Trash me");
        assertThat(stack.error("nc_files_delete", Map.of("path", "/"))).contains("root folder cannot be deleted");
    }

    @Test
    void searchFindByNameAndTypeWalkFoldersOnAServerWithoutSearch() {
        stack.ok("nc_files_create_directory", Map.of("path", "/Finance/2026", "parents", true));
        write("/Finance/2026/Invoice-March.pdf", "%PDF-1.4");
        write("/Finance/receipt.txt", "r");
        write("/Finance/2026/photo.jpg", "jpg");

        Map<String, Object> byName = stack.ok("nc_files_find_by_name", Map.of("pattern", "invoice*"));
        assertThat(byName).containsEntry("method", "folder-walk");
        assertThat(list(byName, "results")).extracting(r -> r.get("path"))
                .containsExactly("/Finance/2026/Invoice-March.pdf");

        assertThat(list(stack.ok("nc_files_find_by_type", Map.of("mimeType", "application/pdf")), "results"))
                .extracting(r -> r.get("path")).containsExactly("/Finance/2026/Invoice-March.pdf");
        assertThat(list(stack.ok("nc_files_find_by_type", Map.of("mimeType", "image", "under", "/Finance")), "results"))
                .extracting(r -> r.get("path")).containsExactly("/Finance/2026/photo.jpg");

        Map<String, Object> limited = stack.ok("nc_files_search", Map.of("under", "/Finance", "limit", 1));
        assertThat(list(limited, "results")).hasSize(1);
        assertThat(list(stack.ok("nc_files_search", Map.of("namePattern", "nothing-like-this")), "results")).isEmpty();
        assertThat(stack.error("nc_files_search", Map.of("under", "/Nowhere", "namePattern", "x")))
                .contains("no folder /Nowhere");
    }

    @Test
    void favoritesAreTheItemsMarkedWithOcFavorite() throws Exception {
        write("/fav.txt", "f");
        write("/plain.txt", "p");
        // Nextcloud's web UI marks favorites with this PROPPATCH; sabre stores it as a dead property.
        HttpResponse<String> marked = stack.asAlice("PROPPATCH", "/remote.php/dav/files/alice/fav.txt",
                "<d:propertyupdate xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\"><d:set><d:prop>"
                        + "<oc:favorite>1</oc:favorite></d:prop></d:set></d:propertyupdate>");
        assertThat(marked.statusCode()).isEqualTo(207);

        Map<String, Object> favorites = stack.ok("nc_files_list_favorites", Map.of());
        assertThat(favorites).containsEntry("method", "folder-walk");
        assertThat(list(favorites, "results")).extracting(r -> r.get("path")).containsExactly("/fav.txt");
        assertThat(list(stack.ok("nc_files_search", Map.of("favoritesOnly", true, "namePattern", "*.txt")), "results"))
                .extracting(r -> r.get("path")).containsExactly("/fav.txt");
    }
}
