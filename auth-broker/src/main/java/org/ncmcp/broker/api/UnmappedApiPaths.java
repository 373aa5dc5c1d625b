package org.ncmcp.broker.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path under {@code /api/} that no endpoint serves (404), or a method it does not take (405), is a problem too.
 * Neither is raised by one of our controllers, so {@link ApiExceptionHandler} never sees them; for any other path
 * the usual error page stays.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmappedApiPaths {

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class})
    ResponseEntity<ProblemDetail> noSuchEndpoint(Exception exception, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith("/api/")) {
            throw exception; // handled as before: the standard error page
        }
        ErrorResponse error = (ErrorResponse) exception;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(error.getStatusCode(),
                exception instanceof NoResourceFoundException
                        ? "No API endpoint at this path; the endpoints are listed in /api/v1/openapi.json."
                        : "This endpoint does not take " + request.getMethod() + "; see /api/v1/openapi.json.");
        problem.setTitle(exception instanceof NoResourceFoundException ? "Not found" : "Method not allowed");
        problem.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(error.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        error.getHeaders().forEach((name, values) -> response.header(name, values.toArray(String[]::new)));
        return response.body(problem);
    }
}
