package io.strongroom.sigv4;

/** An authentication failure as one protocol family reports it. */
public record AuthError(String code, int httpStatus, String message) {
}
