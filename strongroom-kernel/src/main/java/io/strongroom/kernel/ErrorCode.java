package io.strongroom.kernel;

/**
 * An AWS error code, as a service's model names it ({@code AccessDenied}, {@code ValidationException}).
 * The domain picks the code; the wire layer alone picks HTTP status and envelope.
 */
public interface ErrorCode {
    String code();

    /** True when the caller is at fault (4xx); false for a service fault (5xx). */
    default boolean senderFault() {
        return true;
    }

    static ErrorCode of(String code) {
        return new Simple(code, true);
    }

    static ErrorCode serverFault(String code) {
        return new Simple(code, false);
    }

    record Simple(String code, boolean senderFault) implements ErrorCode {
    }
}
