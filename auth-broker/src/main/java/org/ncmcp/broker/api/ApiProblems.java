package org.ncmcp.broker.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The failures an API caller can act on, each an RFC 9457 problem with a sentence saying what to change. */
public final class ApiProblems {

    private ApiProblems() {
    }

    public static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    public static ErrorResponseException forbidden(String detail) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
