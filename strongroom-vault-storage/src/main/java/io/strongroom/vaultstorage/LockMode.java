package io.strongroom.vaultstorage;

/** How firmly a recovery point's retain-until instant holds. */
public enum LockMode {
    /** Deletable at any time; retain-until only schedules expiry. */
    NONE,
    /** Not deletable before retain-until; the lock itself may be lifted (AWS: remove the governance vault lock). */
    GOVERNANCE,
    /** Not deletable before retain-until, by anyone, ever; only expiry removes it. */
    COMPLIANCE
}
