package io.strongroom.ec2;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An EC2 instance as stored: its launch configuration, its state, its EBS volumes by device name (the root
 * volume among them), its tags. States move only on commands and timers (see {@link InstanceService}).
 *
 * @param stateChanged when the state last changed (a terminated instance is forgotten an hour later)
 * @param restoredFrom for an instance an AWS Backup restore created, the source instance's ARN
 */
public record Instance(String accountId, String region, String id, String reservationId, String imageId,
                       String instanceType, String availabilityZone, String architecture, String rootDeviceName,
                       int launchIndex, String state, Instant launchTime, Instant stateChanged, List<Device> devices,
                       Map<String, String> tags, String clientToken, boolean disableApiTermination,
                       String restoredFrom) {
    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String SHUTTING_DOWN = "shutting-down";
    public static final String TERMINATED = "terminated";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";

    public Instance {
        devices = List.copyOf(devices == null ? List.of() : devices);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /** An EBS volume attached at a device name. */
    public record Device(String deviceName, String volumeId, Instant attachTime, boolean deleteOnTermination) {
    }

    public String arn() {
        return arn(region, accountId, id);
    }

    public static String arn(String region, String accountId, String id) {
        return "arn:aws:ec2:" + region + ":" + accountId + ":instance/" + id;
    }

    /** EC2's state code: the low byte of {@code InstanceState.Code}. */
    public static int stateCode(String state) {
        return switch (state) {
            case PENDING -> 0;
            case RUNNING -> 16;
            case SHUTTING_DOWN -> 32;
            case TERMINATED -> 48;
            case STOPPING -> 64;
            case STOPPED -> 80;
            default -> throw new IllegalArgumentException(state);
        };
    }

    /** Whether AWS Backup and the Tagging API still see the instance (not shutting down or terminated). */
    public boolean live() {
        return !state.equals(SHUTTING_DOWN) && !state.equals(TERMINATED);
    }

    public Instance withState(String newState, Instant at) {
        return new Instance(accountId, region, id, reservationId, imageId, instanceType, availabilityZone,
                architecture, rootDeviceName, launchIndex, newState, launchTime, at, devices, tags, clientToken,
                disableApiTermination, restoredFrom);
    }

    public Instance withDevices(List<Device> newDevices) {
        return new Instance(accountId, region, id, reservationId, imageId, instanceType, availabilityZone,
                architecture, rootDeviceName, launchIndex, state, launchTime, stateChanged, newDevices, tags,
                clientToken, disableApiTermination, restoredFrom);
    }

    public Instance withTags(Map<String, String> newTags) {
        return new Instance(accountId, region, id, reservationId, imageId, instanceType, availabilityZone,
                architecture, rootDeviceName, launchIndex, state, launchTime, stateChanged, devices, newTags,
                clientToken, disableApiTermination, restoredFrom);
    }
}
