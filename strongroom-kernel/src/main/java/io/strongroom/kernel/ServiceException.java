package io.strongroom.kernel;

import java.util.Map;

/** The one exception the domain throws to answer a call with an AWS error. */
public class ServiceException extends RuntimeException {
    private final ErrorCode errorCode;
    private final Map<String, String> details;

    public ServiceException(ErrorCode errorCode, String message) {
        this(errorCode, message, Map.of());
    }

    /** {@code details} are extra error members some protocols carry (S3's {@code <BucketName>}, ...). */
    public ServiceException(ErrorCode errorCode, String message, Map<String, String> details) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.details = Map.copyOf(details);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public String code() {
        return errorCode.code();
    }

    public Map<String, String> details() {
        return details;
    }
}
