package org.ncmcp.e2e.simulator.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncmcp.e2e.simulator.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** File ids behave as Nextcloud's file cache ids: they stay with a file through writes and renames, never recur. */
class FileTreeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T12:00:00Z"));
    private final FileTree tree = new FileTree(clock);

    @AfterEach
    void close() {
        tree.close();
    }

    @Test
    void anIdStaysThroughWritesAndRenamesAndIsNeverReused() {
        FileTree.Node note = tree.createFile("alice", "Notes/Plan.md", bytes("a"), null);
        tree.write(note.id(), bytes("b"));
        FileTree.Node renamed = tree.move(note.id(), "Notes/Work/Roadmap.md");

        assertThat(renamed.id()).isEqualTo(note.id());
        assertThat(tree.node("alice", "Notes/Work/Roadmap.md")).contains(renamed);
        assertThat(tree.node("alice", "Notes/Plan.md")).isEmpty();
        assertThat(new String(tree.content(renamed), StandardCharsets.UTF_8)).isEqualTo("b");

        tree.delete(note.id());
        FileTree.Node again = tree.createFile("alice", "Notes/Plan.md", bytes("a"), null);
        assertThat(again.id()).isNotEqualTo(note.id());
        assertThat(tree.node(note.id())).isEmpty();
    }

    @Test
    void foldersAndTheHomeHaveIdsToo() {
        FileTree.Node recipe = tree.createFile("alice", "Recipes/Soup/recipe.json", bytes("{}"), null);
        FileTree.Node folder = tree.node("alice", "Recipes/Soup").orElseThrow();

        assertThat(folder.folder()).isTrue();
        assertThat(folder.id()).isNotEqualTo(recipe.id());
        assertThat(tree.node("alice", "")).hasValueSatisfying(home -> assertThat(home.folder()).isTrue());
        assertThat(tree.contentType(folder)).isEqualTo("httpd/unix-directory");
        assertThat(tree.contentType(recipe)).isEqualTo("application/json");
    }

    @Test
    void modificationTimesFollowTheClock() {
        FileTree.Node file = tree.createFile("alice", "a.txt", bytes("a"), null);
        clock.advance(java.time.Duration.ofHours(1));
        tree.write(file.id(), bytes("b"));
        assertThat(tree.modifiedEpochSecond(file)).isEqualTo(clock.epochSecond());
    }

    @Test
    void aFolderMovedBehindTheTreesBackKeepsTheIdsOfEverythingInIt(@TempDir Path davFiles) throws Exception {
        Path index = davFiles.resolveSibling(davFiles.getFileName() + "-ids.json");
        tree.mount(davFiles, index);
        FileTree.Node note = tree.createFile("alice", "Notes/Garden/Tomatoes.md", bytes("water"), null);
        long folderId = tree.node("alice", "Notes/Garden").orElseThrow().id();

        // what a DAV server does on MOVE, then tells the tree
        Files.move(davFiles.resolve("alice/Notes/Garden"), davFiles.resolve("alice/Notes/Yard"));
        tree.moved("alice", "Notes/Garden", "Notes/Yard");

        assertThat(tree.node("alice", "Notes/Yard").orElseThrow().id()).isEqualTo(folderId);
        assertThat(tree.node("alice", "Notes/Yard/Tomatoes.md").orElseThrow().id()).isEqualTo(note.id());
        JsonNode written = JsonMapper.builder().build().readTree(Files.readString(index));
        assertThat(written.path("alice/Notes/Yard/Tomatoes.md").asLong()).isEqualTo(note.id());
        assertThat(written.has("alice/Notes/Garden/Tomatoes.md")).isFalse();
    }

    @Test
    void aRescanGivesNewFilesIdsAndForgetsVanishedOnes(@TempDir Path davFiles) throws Exception {
        Files.createDirectories(davFiles.resolve("alice/Documents"));
        Files.writeString(davFiles.resolve("alice/Documents/old.txt"), "already there");
        FileTree.Node before = tree.createFile("alice", "Notes/a.md", bytes("moved along"), null);
        tree.mount(davFiles, null);

        assertThat(tree.node("alice", "Notes/a.md")).contains(before);
        assertThat(Files.readString(davFiles.resolve("alice/Notes/a.md"))).isEqualTo("moved along");
        FileTree.Node old = tree.node("alice", "Documents/old.txt").orElseThrow();

        Files.writeString(davFiles.resolve("alice/Documents/new.txt"), "via WebDAV");
        Files.delete(davFiles.resolve("alice/Documents/old.txt"));
        Files.writeString(davFiles.resolve("alice/Documents/.sabredav"), "dead properties");
        tree.rescan("alice");

        assertThat(tree.node("alice", "Documents/new.txt")).isPresent();
        assertThat(tree.node(old.id())).isEmpty();
        assertThat(tree.node("alice", "Documents/.sabredav")).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
