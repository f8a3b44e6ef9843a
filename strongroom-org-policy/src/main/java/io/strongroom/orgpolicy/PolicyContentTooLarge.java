package io.strongroom.orgpolicy;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.Map;

/**
 * Content longer than the type allows. Distinct from {@link MalformedPolicyDocument} because AWS answers it with
 * {@code ConstraintViolationException} reason {@code POLICY_CONTENT_LIMIT_EXCEEDED}, checked before the syntax.
 */
public final class PolicyContentTooLarge extends ServiceException {
    public static final ErrorCode CODE = ErrorCode.of("ConstraintViolationException");
    public static final String REASON = "POLICY_CONTENT_LIMIT_EXCEEDED";
    public static final String AWS_MESSAGE = "You have exceeded the maximum policy size.";

    private final PolicyType type;
    private final int length;
    private final int limit;

    public PolicyContentTooLarge(PolicyType type, int length, int limit) {
        super(CODE, AWS_MESSAGE, Map.of("Reason", REASON));
        this.type = type;
        this.length = length;
        this.limit = limit;
    }

    public String reason() {
        return REASON;
    }

    public PolicyType type() {
        return type;
    }

    public int length() {
        return length;
    }

    public int limit() {
        return limit;
    }
}
