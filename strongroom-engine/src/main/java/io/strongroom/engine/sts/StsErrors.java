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
}
