package io.strongroom.iampolicy;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/**
 * A document over its size limit (spec 1.7). Not a {@link MalformedPolicyDocument}: IAM answers
 * {@code LimitExceeded}, Organizations {@code ConstraintViolationException}, STS a parameter validation error, so
 * the code is the one of the API that owns the {@link PolicyKind}; {@link #kind()} lets a caller remap.
 */
public final class PolicyTooLarge extends ServiceException {
    public static final ErrorCode LIMIT_EXCEEDED = ErrorCode.of("LimitExceeded");
    public static final ErrorCode CONSTRAINT_VIOLATION = ErrorCode.of("ConstraintViolationException");
    public static final ErrorCode VALIDATION_ERROR = ErrorCode.of("ValidationError");

    private final PolicyKind kind;
    private final int size;
    private final int limit;

    PolicyTooLarge(ErrorCode code, String message, PolicyKind kind, int size, int limit) {
        super(code, message);
        this.kind = kind;
        this.size = size;
        this.limit = limit;
    }

    static PolicyTooLarge of(PolicyKind kind, int size, int limit) {
        return switch (kind) {
            case IDENTITY, PERMISSIONS_BOUNDARY, RESOURCE -> new PolicyTooLarge(LIMIT_EXCEEDED,
                    "Cannot exceed quota for PolicySize: " + limit, kind, size, limit);
            case TRUST -> new PolicyTooLarge(LIMIT_EXCEEDED,
                    "Cannot exceed quota for ACLSizePerRole: " + limit, kind, size, limit);
            case SERVICE_CONTROL, RESOURCE_CONTROL -> new PolicyTooLarge(CONSTRAINT_VIOLATION,
                    "You have exceeded the maximum policy size.", kind, size, limit);
            case SESSION -> new PolicyTooLarge(VALIDATION_ERROR, "1 validation error detected: Value at 'policy' "
                    + "failed to satisfy constraint: Member must have length less than or equal to " + limit,
                    kind, size, limit);
        };
    }

    /**
     * The inline-policy sum of a user, group or role (spec 1.7); the engine adds the sizes up with
     * {@link PolicyKind#measure(String)} and raises this with the entity it was saving.
     */
    public static PolicyTooLarge inlineTotal(String entityType, String entityName, int size, int limit) {
        return new PolicyTooLarge(LIMIT_EXCEEDED, "Maximum policy size of " + limit + " bytes exceeded for "
                + entityType + " " + entityName, PolicyKind.IDENTITY, size, limit);
    }

    public PolicyKind kind() {
        return kind;
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}
