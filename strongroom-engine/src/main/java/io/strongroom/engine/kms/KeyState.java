package io.strongroom.engine.kms;

/** The key states Strongroom's keys pass through (no imported, replicated or custom-store keys). */
public enum KeyState {
    Enabled,
    Disabled,
    PendingDeletion
}
