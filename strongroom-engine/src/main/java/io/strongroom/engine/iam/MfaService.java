package io.strongroom.engine.iam;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Virtual MFA devices: RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s) from a base32 seed. Enabling and
 * resynchronising need two consecutive codes and learn the device's clock offset; verification accepts
 * one step either side of it and never the same or an earlier step twice.
 */
public final class MfaService {
    static final int MAX_DEVICES_PER_USER = 8;
    /** How far (in 30 s steps, either way) Enable and Resync look for the two consecutive codes. */
    static final int SEARCH_STEPS = 10;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final IamContext iam;

    MfaService(IamContext iam) {
        this.iam = iam;
    }

    /** A new device with its seed and a QR code of its otpauth URI; both are only ever returned here. */
    public record NewDevice(VirtualMfaDevice device, byte[] qrCodePng) {
    }

    /** An assigned device as ListMFADevices shows it. */
    public record Assignment(String userName, String serialNumber, Instant enabled) {
    }

    public NewDevice createVirtualMfaDevice(Tx tx, Principal caller, String path, String deviceName,
                                            List<IamTag> tags) {
        IamInput.name("virtualMFADeviceName", deviceName, 226);
        String checkedPath = IamInput.path("path", path);
        List<IamTag> checkedTags = IamTag.checked(tags);
        if (iam.store.mfaDevice(tx, caller.accountId(), checkedPath + deviceName).isPresent()) {
            throw IamErrors.mfaDeviceAlreadyExists();
        }
        VirtualMfaDevice device = new VirtualMfaDevice(caller.accountId(), checkedPath, deviceName,
                iam.secrets.randomString(BASE32, 64), iam.now(), null, null, null, 0, Long.MIN_VALUE, checkedTags);
        iam.store.putMfaDevice(tx, device);
        String uri = "otpauth://totp/" + deviceName + "@" + caller.accountId() + "?secret=" + device.seed();
        return new NewDevice(device, iam.qrCodes.png(uri));
    }

    public void enableMfaDevice(Tx tx, Principal caller, String userName, String serialNumber, String code1,
                                String code2) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        codes(code1, code2);
        VirtualMfaDevice device = device(tx, caller, serialNumber)
                .orElseThrow(() -> IamErrors.noSuchVirtualMfaDevice(serialNumber));
        if (device.assigned()) {
            throw IamErrors.mfaDeviceInUse();
        }
        long assigned = iam.store.mfaDevices(tx, caller.accountId()).stream()
                .filter(d -> user.userId().equals(d.userId())).count();
        if (assigned >= MAX_DEVICES_PER_USER) {
            throw IamErrors.quota("MFADevicesPerUser", MAX_DEVICES_PER_USER);
        }
        long second = consecutive(device, code1, code2);
        long now = nowStep();
        iam.store.putMfaDevice(tx, device.assign(user.name(), user.userId(), iam.now(), second - now, second));
    }

    public void resyncMfaDevice(Tx tx, Principal caller, String userName, String serialNumber, String code1,
                                String code2) {
        IamUser user = iam.user(tx, caller.accountId(), userName);
        codes(code1, code2);
        VirtualMfaDevice device = assignedTo(tx, caller, user, serialNumber);
        long second = consecutive(device, code1, code2);
        iam.store.putMfaDevice(tx, device.resynced(second - nowStep(), Math.max(second, device.lastUsedStep())));
    }

    public void deactivateMfaDevice(Tx tx, Principal caller, String userName, String serialNumber) {
        IamUser user = iam.userOrCaller(tx, caller, userName);
        VirtualMfaDevice device = assignedTo(tx, caller, user, serialNumber);
        iam.store.putMfaDevice(tx, device.unassigned());
    }

    public void deleteVirtualMfaDevice(Tx tx, Principal caller, String serialNumber) {
        VirtualMfaDevice device = device(tx, caller, serialNumber)
                .orElseThrow(() -> IamErrors.noSuchVirtualMfaDevice(serialNumber));
        if (device.assigned()) {
            throw IamErrors.mfaDeviceStillAssigned(serialNumber);
        }
        iam.store.deleteMfaDevice(tx, device);
    }

    public IamPage<Assignment> listMfaDevices(Tx tx, Principal caller, String userName, String marker,
                                              Integer maxItems) {
        IamUser user = iam.userOrCaller(tx, caller, userName);
        List<Assignment> devices = iam.store.mfaDevices(tx, caller.accountId()).stream()
                .filter(d -> user.userId().equals(d.userId()))
                .map(d -> new Assignment(user.name(), d.serialNumber(), d.enabled())).toList();
        return IamPage.of(devices, Assignment::serialNumber, marker, maxItems);
    }

    /** Devices of the caller's account by assignment status ("Assigned", "Unassigned", "Any"). */
    public IamPage<VirtualMfaDevice> listVirtualMfaDevices(Tx tx, Principal caller, String assignmentStatus,
                                                           String marker, Integer maxItems) {
        String status = assignmentStatus == null ? "Any" : assignmentStatus;
        if (!List.of("Assigned", "Unassigned", "Any").contains(status)) {
            throw IamErrors.validation("assignmentStatus", assignmentStatus,
                    "Member must satisfy enum value set: [Unassigned, Any, Assigned]");
        }
        List<VirtualMfaDevice> devices = iam.store.mfaDevices(tx, caller.accountId()).stream()
                .filter(d -> status.equals("Any") || d.assigned() == status.equals("Assigned")).toList();
        return IamPage.of(devices, d -> d.serialNumber().toLowerCase(Locale.ROOT), marker, maxItems);
    }

    /** The user a device is assigned to, for ListVirtualMFADevices. */
    public Optional<IamUser> userOf(Tx tx, VirtualMfaDevice device) {
        return device.assigned() ? iam.store.user(tx, device.accountId(), device.userName()) : Optional.empty();
    }

    /**
     * Checks a code of the user's device at {@code now}; a valid code spends its step. Steps T-1..T+1
     * around the device's learned offset are accepted, none at or before the last accepted one.
     */
    boolean verify(Tx tx, VirtualMfaDevice device, String code, Instant now) {
        long center = Totp.step(now.getEpochSecond()) + device.offsetSteps();
        for (long step = center - 1; step <= center + 1; step++) {
            if (step > device.lastUsedStep() && Totp.code(device.seed(), step).equals(code)) {
                iam.store.putMfaDevice(tx, device.spent(step));
                return true;
            }
        }
        return false;
    }

    Optional<VirtualMfaDevice> deviceBySerial(Tx tx, String serialNumber) {
        String[] parts = serialNumber == null ? new String[0] : serialNumber.split(":", 6);
        if (parts.length != 6 || !parts[2].equals("iam") || !parts[5].startsWith("mfa/")) {
            return Optional.empty();
        }
        return iam.store.mfaDevice(tx, parts[4], parts[5].substring(3))
                .filter(d -> d.serialNumber().equals(serialNumber));
    }

    private Optional<VirtualMfaDevice> device(Tx tx, Principal caller, String serialNumber) {
        IamInput.length("serialNumber", serialNumber, 9, 256);
        return deviceBySerial(tx, serialNumber).filter(d -> d.accountId().equals(caller.accountId()));
    }

    private VirtualMfaDevice assignedTo(Tx tx, Principal caller, IamUser user, String serialNumber) {
        return device(tx, caller, serialNumber).filter(d -> user.userId().equals(d.userId()))
                .orElseThrow(() -> IamErrors.noSuchMfaDevice(serialNumber));
    }

    private long nowStep() {
        return Totp.step(iam.now().getEpochSecond());
    }

    /** The step of {@code code2}, where code1 and code2 are the codes of two consecutive steps near now. */
    private long consecutive(VirtualMfaDevice device, String code1, String code2) {
        long now = nowStep() + (device.assigned() ? device.offsetSteps() : 0);
        for (long step = now - SEARCH_STEPS; step <= now + SEARCH_STEPS; step++) {
            if (step > device.lastUsedStep() && Totp.code(device.seed(), step).equals(code1)
                    && Totp.code(device.seed(), step + 1).equals(code2)) {
                return step + 1;
            }
        }
        throw IamErrors.invalidAuthenticationCode();
    }

    private static void codes(String code1, String code2) {
        IamInput.authenticationCode("authenticationCode1", code1);
        IamInput.authenticationCode("authenticationCode2", code2);
    }
}
