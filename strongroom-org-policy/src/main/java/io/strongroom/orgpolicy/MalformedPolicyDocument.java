package io.strongroom.orgpolicy;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/**
 * Content not valid for its policy type ({@code MalformedPolicyDocumentException}).
 *
 * <p>AWS answers every such case with one generic sentence, so that is the message; what was actually wrong is kept
 * in {@link #detail()} and {@link #path()} for logs, tests and (behind
 * {@link PolicyValidationOptions#detailInMessage()}) for callers who prefer a helpful message over fidelity.
 */
public final class MalformedPolicyDocument extends ServiceException {
    public static final ErrorCode CODE = ErrorCode.of("MalformedPolicyDocumentException");
    public static final String AWS_MESSAGE =
            "The provided policy document does not meet the requirements of the specified policy type.";

    private final String detail;
    private final String path;

    public MalformedPolicyDocument(String detail, String path, boolean detailInMessage) {
        super(CODE, detailInMessage ? AWS_MESSAGE + " " + where(path) + detail : AWS_MESSAGE);
        this.detail = detail;
        this.path = path;
    }

    private static String where(String path) {
        return path == null || path.isEmpty() ? "" : "At " + path + ": ";
    }

    /** Why the document was refused, in our words. */
    public String detail() {
        return detail;
    }

    /** Dot-separated location of the offending element as written, empty for the whole document. */
    public String path() {
        return path;
    }
}
