package io.strongroom.engine.backup;

import java.util.Map;
import java.util.TreeMap;

/**
 * An account's AWS Backup settings in one Region (spec 8.3): which resource types are opted in, and for which types
 * AWS Backup's full management (advanced DynamoDB backup, EFS) is on. Absent keys take {@link #DEFAULT_OPT_IN}.
 */
public record RegionSettings(Map<String, Boolean> optIn, Map<String, Boolean> management) {
    /**
     * New accounts' opt-in per type (decision D37): the long-standing types on, the newer ones (CloudFormation, EKS,
     * Redshift, S3, SAP HANA, Timestream) off, as AWS has switched them on only on request.
     */
    public static final Map<String, Boolean> DEFAULT_OPT_IN = Map.ofEntries(
            Map.entry("Aurora", true), Map.entry("CloudFormation", false), Map.entry("DocumentDB", true),
            Map.entry("DynamoDB", true), Map.entry("EBS", true), Map.entry("EC2", true), Map.entry("EFS", true),
            Map.entry("EKS", false), Map.entry("FSx", true), Map.entry("Neptune", true), Map.entry("RDS", true),
            Map.entry("Redshift", false), Map.entry("S3", false), Map.entry("SAP HANA on Amazon EC2", false),
            Map.entry("Storage Gateway", true), Map.entry("Timestream", false), Map.entry("VirtualMachine", true));
    public static final Map<String, Boolean> DEFAULT_MANAGEMENT = Map.of("DynamoDB", false, "EFS", true);

    public static final RegionSettings DEFAULT = new RegionSettings(Map.of(), Map.of());

    public RegionSettings {
        optIn = optIn == null ? Map.of() : Map.copyOf(optIn);
        management = management == null ? Map.of() : Map.copyOf(management);
    }

    public Map<String, Boolean> effectiveOptIn() {
        Map<String, Boolean> out = new TreeMap<>(DEFAULT_OPT_IN);
        out.putAll(optIn);
        return out;
    }

    public Map<String, Boolean> effectiveManagement() {
        Map<String, Boolean> out = new TreeMap<>(DEFAULT_MANAGEMENT);
        out.putAll(management);
        return out;
    }

    public boolean optedIn(String resourceType) {
        return effectiveOptIn().getOrDefault(resourceType, false);
    }
}
