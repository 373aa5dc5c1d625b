package org.ncmcp.resource.apps.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ncmcp.resource.tool.InvalidToolInputException;

class FilesPathTest {

    @Test
    void slashesAndDotSegmentsAreNormalised() {
        assertThat(FilesPath.of("Documents//./report.md").display()).isEqualTo("/Documents/report.md");
        assertThat(FilesPath.of("/").isRoot()).isTrue();
        assertThat(FilesPath.of(null).isRoot()).isTrue();
        assertThat(FilesPath.of(" /Photos/ ").display()).isEqualTo("/Photos");
    }

    @Test
    void segmentsArePercentEncodedForTheUrl() {
        assertThat(FilesPath.of("/My Docs/a+b#1?.md").encoded()).isEqualTo("My%20Docs/a%2Bb%231%3F.md");
        assertThat(FilesPath.of("/Ünïcode/ß.txt").encoded()).isEqualTo("%C3%9Cn%C3%AFcode/%C3%9F.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../bob", "a/../../b", "a/..", "a%2F..%2Fb", "%2e%2e/x", "https://evil.example.com/x",
            "file:///etc/passwd", "a\\..\\b", "a\u0000b", "a\nb"})
    void anythingThatCouldLeaveTheUsersRootIsRefusedWithAReason(String path) {
        assertThatThrownBy(() -> FilesPath.of(path)).isInstanceOf(InvalidToolInputException.class)
                .hasMessageContaining("is not usable");
    }

    @Test
    void containsAndParent() {
        FilesPath folder = FilesPath.of("/a/b");
        assertThat(folder.contains(FilesPath.of("/a/b/c"))).isTrue();
        assertThat(folder.contains(FilesPath.of("/a/bc"))).isFalse();
        assertThat(folder.parent().display()).isEqualTo("/a");
        assertThat(FilesPath.ROOT.parent().isRoot()).isTrue();
    }
}
