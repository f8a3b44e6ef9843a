package io.strongroom.engine.organizations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organization with its single root: feature set, the policy types enabled in the root (type →
 * ENABLED) and the services given trusted access (principal → when).
 */
public record Organization(String id, String managementAccountId, String managementEmail, String featureSet,
                           String rootId, Map<String, String> enabledPolicyTypes,
                           Map<String, Instant> trustedServices, Instant created) {
    public static final String ALL = "ALL";
    public static final String CONSOLIDATED_BILLING = "CONSOLIDATED_BILLING";
    public static final String ROOT_NAME = "Root";

    public Organization {
        enabledPolicyTypes = new TreeMap<>(enabledPolicyTypes == null ? Map.of() : enabledPolicyTypes);
        trustedServices = new TreeMap<>(trustedServices == null ? Map.of() : trustedServices);
    }

    public String arn() {
        return "arn:aws:organizations::" + managementAccountId + ":organization/" + id;
    }

    public String rootArn() {
        return "arn:aws:organizations::" + managementAccountId + ":root/" + id + "/" + rootId;
    }

    public String managementAccountArn() {
        return accountArn(managementAccountId);
    }

    public String accountArn(String accountId) {
        return "arn:aws:organizations::" + managementAccountId + ":account/" + id + "/" + accountId;
    }

    public String ouArn(String ouId) {
        return "arn:aws:organizations::" + managementAccountId + ":ou/" + id + "/" + ouId;
    }

    public boolean allFeatures() {
        return ALL.equals(featureSet);
    }

    public boolean policyTypeEnabled(String type) {
        return enabledPolicyTypes.containsKey(type);
    }

    public List<String> enabledTypes() {
        return List.copyOf(enabledPolicyTypes.keySet());
    }

    public Organization withPolicyType(String type, boolean enabled) {
        Map<String, String> types = new TreeMap<>(enabledPolicyTypes);
        if (enabled) {
            types.put(type, "ENABLED");
        } else {
            types.remove(type);
        }
        return new Organization(id, managementAccountId, managementEmail, featureSet, rootId, types, trustedServices,
                created);
    }

    public Organization withTrustedService(String principal, Instant since) {
        Map<String, Instant> services = new TreeMap<>(trustedServices);
        if (since == null) {
            services.remove(principal);
        } else {
            services.put(principal, since);
        }
        return new Organization(id, managementAccountId, managementEmail, featureSet, rootId, enabledPolicyTypes,
                services, created);
    }
}
