package io.paygate.common.web;

import org.springframework.http.HttpStatus;

/**
 * A request paygate refuses, with the HTTP status and a stable machine-readable reason
 * ({@code code}) that clients can branch on.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
