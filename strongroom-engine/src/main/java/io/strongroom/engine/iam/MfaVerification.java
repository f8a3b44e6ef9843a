package io.strongroom.engine.iam;

/** The outcome of checking an MFA serial number and one-time code for a user. */
public enum MfaVerification {
    /** The code is right for the user's device and was not used before; it is now spent. */
    VALID,
    /** The serial number names no MFA device of this user. */
    UNKNOWN_DEVICE,
    /** Wrong code, or a code already accepted within its window. */
    INVALID_CODE
}
