package org.ncmcp.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The shape matcher must be able to fail, or the simulator contract test proves nothing. */
class ShapeMatcherTest {

    private static JsonNode json(String text) {
        return ContractFixture.JSON.readTree(text);
    }

    @Test
    void sameTypesMatchWhateverTheValues() {
        assertThat(ShapeMatcher.mismatches(json("{\"id\":1,\"t\":\"a\",\"x\":[true]}"),
                json("{\"id\":9,\"t\":\"b\",\"x\":[false],\"extra\":1}"))).isEmpty();
    }

    @Test
    void missingKeyWrongTypeAndWrongLengthAreReported() {
        assertThat(ShapeMatcher.mismatches(json("{\"id\":1}"), json("{}"))).containsExactly("$.id is missing");
        assertThat(ShapeMatcher.mismatches(json("{\"id\":1}"), json("{\"id\":\"1\"}"))).singleElement()
                .asString().contains("$.id should be NUMBER");
        assertThat(ShapeMatcher.mismatches(json("[1,2]"), json("[1]"))).singleElement().asString()
                .contains("should have 2 elements");
    }

    @Test
    void anyMatchesEverythingIncludingAbsence() {
        assertThat(ShapeMatcher.mismatches(json("{\"a\":\"<any>\"}"), json("{\"a\":[1,2]}"))).isEmpty();
        assertThat(ShapeMatcher.mismatches(json("{\"a\":\"<any>\"}"), json("{}"))).isEmpty();
    }
}
