package org.ncmcp.broker.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * A path under {@code /api/} that no endpoint serves is a 404 problem too. It is not raised by one of our
 * controllers, so {@link ApiExceptionHandler} never sees it; for any other path the usual error page stays.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmappedApiPaths {

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchEndpoint(NoResourceFoundException exception, HttpServletRequest request)
            throws NoResourceFoundException {
        if (!request.getRequestURI().startsWith("/api/")) {
            throw exception; // handled as before: the standard 404
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No API endpoint at this path; the endpoints are listed in /api/v1/openapi.json.");
        problem.setTitle("Not found");
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
