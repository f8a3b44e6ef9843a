package io.strongroom.engine.sts;

import io.strongroom.kernel.CommonErrors;
import io.strongroom.kernel.ServiceException;

/** STS's errors and their wording. */
public final class StsErrors {
    private StsErrors() {
    }

    public static ServiceException sessionCredentialsCannotGetSessionToken() {
        return new ServiceException(CommonErrors.ACCESS_DENIED, "Cannot call GetSessionToken with session credentials");
    }

    public static ServiceException durationTooShort(int seconds) {
        return new ServiceException(CommonErrors.VALIDATION_ERROR, "1 validation error detected: Value '" + seconds
                + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
    }

    public static ServiceException durationTooLong(int seconds) {
        return new ServiceException(CommonErrors.VALIDATION_ERROR, "1 validation error detected: Value '" + seconds
                + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600");
    }

    public static ServiceException mfaIncomplete() {
        return new ServiceException(CommonErrors.ACCESS_DENIED,
                "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.");
    }

    public static ServiceException mfaUnknownDevice() {
        return new ServiceException(CommonErrors.ACCESS_DENIED, "MultiFactorAuthentication failed, unable to validate "
                + "MFA code.  Please verify your MFA serial number is valid and associated with this user.");
    }

    public static ServiceException validation(String field, Object value, String constraint) {
        return new ServiceException(CommonErrors.VALIDATION_ERROR, "1 validation error detected: Value '" + value
                + "' at '" + field + "' failed to satisfy constraint: " + constraint);
    }

    public static ServiceException rootCannotAssumeRoles() {
        return new ServiceException(CommonErrors.ACCESS_DENIED, "Roles may not be assumed by root accounts.");
    }

    public static ServiceException durationExceedsRoleMaximum() {
        return new ServiceException(CommonErrors.VALIDATION_ERROR,
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }

    public static ServiceException durationExceedsChainingLimit() {
        return new ServiceException(CommonErrors.VALIDATION_ERROR,
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }

    public static ServiceException mfaInvalidCode() {
        return new ServiceException(CommonErrors.ACCESS_DENIED,
                "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }

    public static ServiceException accessDenied(String message) {
        return new ServiceException(CommonErrors.ACCESS_DENIED, message);
    }
}
