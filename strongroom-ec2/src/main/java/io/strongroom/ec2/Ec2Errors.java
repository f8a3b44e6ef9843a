package io.strongroom.ec2;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Every error EC2 answers with here (EC2 answers them all with status 400 in its XML envelope). */
public final class Ec2Errors {
    private Ec2Errors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException missingParameter(String name) {
        return error("MissingParameter", "The request must contain the parameter " + name);
    }

    public static ServiceException invalidParameterValue(String message) {
        return error("InvalidParameterValue", message);
    }

    public static ServiceException invalidParameterCombination(String message) {
        return error("InvalidParameterCombination", message);
    }

    public static ServiceException invalidParameter(String message) {
        return error("InvalidParameter", message);
    }

    public static ServiceException volumeNotFound(String id) {
        return error("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
    }

    public static ServiceException malformedVolumeId(String id) {
        return error("InvalidVolumeID.Malformed", "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
    }

    public static ServiceException invalidId(String id) {
        return error("InvalidID", "The ID '" + id + "' is not valid");
    }

    public static ServiceException invalidZone(String zone) {
        return error("InvalidZone.NotFound", "The zone '" + zone + "' does not exist.");
    }

    public static ServiceException invalidNextToken(String token) {
        return error("InvalidPaginationToken", "Invalid pagination token: " + token);
    }

    public static ServiceException snapshotNotFound(String id) {
        return error("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
    }
}
