package org.ncmcp.broker.api;

import java.util.List;

/**
 * One page of a list endpoint.
 *
 * @param page the zero-based page number asked for
 * @param size the page size used
 * @param totalItems how many items match in all
 * @param totalPages how many pages of {@code size} that makes
 */
public record PageOf<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> PageOf<T> of(List<T> items, PageRequest request, long total) {
        return new PageOf<>(items, request.page(), request.size(), total, (total + request.size() - 1) / request.size());
    }

    /** A validated {@code page}/{@code size} pair. */
    public record PageRequest(int page, int size) {

        static PageRequest of(Integer page, Integer size, BrokerApiProperties limits) {
            int p = page == null ? 0 : page;
            int s = size == null ? limits.defaultPageSize() : size;
            if (p < 0 || p > 1_000_000) {
                throw ApiProblems.badRequest("'page' is zero-based and must be between 0 and 1000000, was " + p + ".");
            }
            if (s < 1 || s > limits.maxPageSize()) {
                throw ApiProblems.badRequest("'size' must be between 1 and " + limits.maxPageSize() + ", was " + s + ".");
            }
            return new PageRequest(p, s);
        }

        public long offset() {
            return (long) page * size;
        }
    }
}
