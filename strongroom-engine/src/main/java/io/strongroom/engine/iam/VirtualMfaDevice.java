package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.List;

/**
 * A virtual MFA device: its TOTP seed (base32 text), and once enabled the user it is assigned to, the
 * device's learned clock offset in 30-second steps, and the last step whose code was accepted (codes of
 * that step or earlier are spent).
 */
public record VirtualMfaDevice(String accountId, String path, String name, String seed, Instant created,
                               String userName, String userId, Instant enabled, long offsetSteps, long lastUsedStep,
                               List<IamTag> tags) {
    public VirtualMfaDevice {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String serialNumber() {
        return "arn:aws:iam::" + accountId + ":mfa" + path + name;
    }

    public boolean assigned() {
        return userId != null;
    }

    VirtualMfaDevice assign(String newUserName, String newUserId, Instant when, long offset, long lastStep) {
        return new VirtualMfaDevice(accountId, path, name, seed, created, newUserName, newUserId, when, offset,
                lastStep, tags);
    }

    VirtualMfaDevice resynced(long offset, long lastStep) {
        return new VirtualMfaDevice(accountId, path, name, seed, created, userName, userId, enabled, offset, lastStep,
                tags);
    }

    VirtualMfaDevice spent(long step) {
        return new VirtualMfaDevice(accountId, path, name, seed, created, userName, userId, enabled, offsetSteps, step,
                tags);
    }

    VirtualMfaDevice unassigned() {
        return new VirtualMfaDevice(accountId, path, name, seed, created, null, null, null, 0, lastUsedStep, tags);
    }

    VirtualMfaDevice renamedUser(String newUserName) {
        return new VirtualMfaDevice(accountId, path, name, seed, created, newUserName, userId, enabled, offsetSteps,
                lastUsedStep, tags);
    }
}
