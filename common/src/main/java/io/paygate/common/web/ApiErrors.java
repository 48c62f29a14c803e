package io.paygate.common.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every refusal as an RFC 9457 problem document with a {@code code} property, e.g.
 * {@code {"status":422,"code":"amount_invalid","detail":"..."}}.
 */
@RestControllerAdvice
public class ApiErrors {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> refused(ApiException e) {
        return problem(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalid(WebExchangeBindException e) {
        String detail = e.getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("request body is invalid");
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "validation_failed", detail);
    }

    /** A body over the size limit, found while reading it (chunked) or by a codec's in-memory limit. */
    @ExceptionHandler(org.springframework.web.server.ContentTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(org.springframework.web.server.ContentTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", "request body too large");
    }

    @ExceptionHandler(org.springframework.web.server.UnsupportedMediaTypeStatusException.class)
    ResponseEntity<ProblemDetail> unsupported(org.springframework.web.server.UnsupportedMediaTypeStatusException e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send the body as application/json");
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "malformed_request", e.getReason());
    }

    /**
     * The same problem document as a plain map, for code that writes responses itself (web
     * filters) where Spring's ProblemDetail serialisation is not at hand.
     */
    public static java.util.Map<String, Object> body(HttpStatus status, String code, String detail) {
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("type", "https://paygate.io/problems/" + code);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    /** Writes the problem document as the response, for web filters that answer before any controller. */
    public static reactor.core.publisher.Mono<Void> write(org.springframework.web.server.ServerWebExchange exchange,
                                                         HttpStatus status, String code, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        byte[] json = JSON.writeValueAsBytes(body(status, code, detail));
        return response.writeWith(reactor.core.publisher.Mono.just(response.bufferFactory().wrap(json)));
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://paygate.io/problems/" + code));
        problem.setProperty("code", code);
        return ResponseEntity.status(status).body(problem);
    }
}
