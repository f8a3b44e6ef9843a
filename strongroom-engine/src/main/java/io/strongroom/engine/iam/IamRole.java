package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM role: its trust policy (who may assume it), inline permission policies by name, attached
 * managed policy ARNs, optional permissions boundary, description and tags. {@code path} starts and
 * ends with '/'. Roles stored before the IAM API existed lack the later members; they read as empty.
 */
public record IamRole(String accountId, String name, String path, String roleId, String trustPolicy,
                      Map<String, String> inlinePolicies, int maxSessionDuration, Instant created,
                      String description, String permissionsBoundary, List<String> attachedPolicies,
                      List<IamTag> tags) {
    public static final String SERVICE_LINKED_PATH = "/aws-service-role/";

    public IamRole {
        inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies == null ? Map.of() : inlinePolicies));
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
        tags = tags == null ? List.of() : List.copyOf(tags);
        maxSessionDuration = maxSessionDuration == 0 ? 3600 : maxSessionDuration;
    }

    /** A role with only a trust policy and inline policies, as Organizations creates its access role. */
    public IamRole(String accountId, String name, String path, String roleId, String trustPolicy,
                   Map<String, String> inlinePolicies, int maxSessionDuration, Instant created) {
        this(accountId, name, path, roleId, trustPolicy, inlinePolicies, maxSessionDuration, created, null, null,
                List.of(), List.of());
    }

    public String arn() {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    /** Service-linked roles are AWS's to change (UnmodifiableEntity for everyone else). */
    public boolean serviceLinked() {
        return path.startsWith(SERVICE_LINKED_PATH);
    }

    IamRole withTrustPolicy(String document) {
        return new IamRole(accountId, name, path, roleId, document, inlinePolicies, maxSessionDuration, created,
                description, permissionsBoundary, attachedPolicies, tags);
    }

    IamRole withInlinePolicies(Map<String, String> policies) {
        return new IamRole(accountId, name, path, roleId, trustPolicy, policies, maxSessionDuration, created,
                description, permissionsBoundary, attachedPolicies, tags);
    }

    IamRole withAttachedPolicies(List<String> arns) {
        return new IamRole(accountId, name, path, roleId, trustPolicy, inlinePolicies, maxSessionDuration, created,
                description, permissionsBoundary, arns, tags);
    }

    IamRole withTags(List<IamTag> newTags) {
        return new IamRole(accountId, name, path, roleId, trustPolicy, inlinePolicies, maxSessionDuration, created,
                description, permissionsBoundary, attachedPolicies, newTags);
    }

    IamRole withSettings(String newDescription, int newMaxSessionDuration) {
        return new IamRole(accountId, name, path, roleId, trustPolicy, inlinePolicies, newMaxSessionDuration, created,
                newDescription, permissionsBoundary, attachedPolicies, tags);
    }

    IamRole withPermissionsBoundary(String arn) {
        return new IamRole(accountId, name, path, roleId, trustPolicy, inlinePolicies, maxSessionDuration, created,
                description, arn, attachedPolicies, tags);
    }
}
