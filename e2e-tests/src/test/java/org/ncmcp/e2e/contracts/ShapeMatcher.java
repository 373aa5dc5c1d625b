package org.ncmcp.e2e.contracts;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Compares an actual JSON body with a fixture's example body by shape: every key of the example must be
 * present with a value of the same JSON type (recursively), arrays must have the example's length, and
 * {@code "<any>"} matches any value.
 */
final class ShapeMatcher {

    private ShapeMatcher() {
    }

    static List<String> mismatches(JsonNode expected, JsonNode actual) {
        List<String> problems = new ArrayList<>();
        compare("$", expected, actual, problems);
        return problems;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (expected.isString() && "<any>".equals(expected.asString())) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + " is missing");
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(path + " should be " + expected.getNodeType() + " but is " + actual.getNodeType() + " (" + actual + ")");
            return;
        }
        if (expected.isObject()) {
            expected.properties().forEach(e -> compare(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()), problems));
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                problems.add(path + " should have " + expected.size() + " elements but has " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), problems);
            }
        }
    }
}
