package io.strongroom.efs;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Every error EFS answers with here; the wire picks the status from the service model (409, 404, 400). */
public final class EfsErrors {
    private EfsErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException badRequest(String message) {
        return error("BadRequest", message);
    }

    public static ServiceException fileSystemNotFound(String id) {
        return error("FileSystemNotFound", "File system '" + id + "' does not exist.");
    }

    public static ServiceException accessPointNotFound(String id) {
        return error("AccessPointNotFound", "Access point '" + id + "' does not exist.");
    }

    public static ServiceException alreadyExists(String token, String id) {
        return error("FileSystemAlreadyExists", "File system '" + id + "' already exists with creation token '"
                + token + "'");
    }
}
