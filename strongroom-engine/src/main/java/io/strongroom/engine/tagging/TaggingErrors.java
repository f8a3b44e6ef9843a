package io.strongroom.engine.tagging;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** The Resource Groups Tagging API's errors and their wording. */
public final class TaggingErrors {
    private TaggingErrors() {
    }

    public static ServiceException invalidParameter(String message) {
        return new ServiceException(ErrorCode.of("InvalidParameterException"), message);
    }

    public static ServiceException paginationTokenExpired() {
        return new ServiceException(ErrorCode.of("PaginationTokenExpiredException"),
                "The pagination token is not valid for this request.");
    }
}
