package io.strongroom.kernel;

/** Error codes every AWS service shares (authentication, throttling, internal failure). */
public enum CommonErrors implements ErrorCode {
    ACCESS_DENIED("AccessDenied"),
    ACCESS_DENIED_EXCEPTION("AccessDeniedException"),
    VALIDATION_ERROR("ValidationError"),
    VALIDATION_EXCEPTION("ValidationException"),
    INTERNAL_FAILURE("InternalFailure") {
        @Override
        public boolean senderFault() {
            return false;
        }
    };

    private final String code;

    CommonErrors(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
