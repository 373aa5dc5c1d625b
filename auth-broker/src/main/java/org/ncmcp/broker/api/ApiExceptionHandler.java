package org.ncmcp.broker.api;

import org.ncmcp.broker.account.AccountAccess;
import org.ncmcp.model.scope.UnknownScopeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every failure of an API endpoint as an RFC 9457 problem ({@code application/problem+json}): Spring MVC's own
 * (bad parameter types, unreadable JSON, wrong method) through {@link ResponseEntityExceptionHandler}, ours through
 * {@link ApiProblems}. Anything unexpected is a 500 problem that says nothing about the inside (the log has it).
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(UnknownScopeException.class)
    ResponseEntity<Object> unknownScope(UnknownScopeException exception, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, exception.getMessage());
        problem.setTitle("Unknown scope");
        problem.setProperty("unknownScopes", exception.unknown());
        problem.setProperty("validScopes", exception.valid());
        return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(AccountAccess.InvalidScopeChangeException.class)
    ResponseEntity<Object> invalidScopeChange(AccountAccess.InvalidScopeChangeException exception, WebRequest request) {
        return handleExceptionInternal(exception, ApiProblems.badRequest(exception.getMessage()).getBody(),
                new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(AccountAccess.NotConnectedException.class)
    ResponseEntity<Object> notConnected(AccountAccess.NotConnectedException exception, WebRequest request) {
        return handleExceptionInternal(exception, ApiProblems.conflict(exception.getMessage()).getBody(),
                new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception exception, WebRequest request) {
        log.error("API request {} failed", request.getDescription(false), exception);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The broker could not complete this request; the error is in its log.");
        return handleExceptionInternal(exception, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Jackson's message would name our classes; say what is wrong with the body instead. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the documented shape (see /api/v1/openapi.json).");
        problem.setTitle("Unreadable request body");
        return handleExceptionInternal(exception, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
