package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM user: name and path (the ARN), its unique id ({@code AIDA...}), inline policies by name,
 * attached managed policy ARNs, the groups it belongs to (by name), an optional permissions boundary.
 */
public record IamUser(String accountId, String name, String path, String userId, Instant created,
                      String permissionsBoundary, List<IamTag> tags, Map<String, String> inlinePolicies,
                      List<String> attachedPolicies, List<String> groups) {
    public IamUser {
        tags = tags == null ? List.of() : List.copyOf(tags);
        inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies == null ? Map.of() : inlinePolicies));
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public String arn() {
        return "arn:aws:iam::" + accountId + ":user" + path + name;
    }

    IamUser with(String newName, String newPath) {
        return new IamUser(accountId, newName, newPath, userId, created, permissionsBoundary, tags, inlinePolicies,
                attachedPolicies, groups);
    }

    IamUser withTags(List<IamTag> newTags) {
        return new IamUser(accountId, name, path, userId, created, permissionsBoundary, newTags, inlinePolicies,
                attachedPolicies, groups);
    }

    IamUser withInlinePolicies(Map<String, String> policies) {
        return new IamUser(accountId, name, path, userId, created, permissionsBoundary, tags, policies,
                attachedPolicies, groups);
    }

    IamUser withAttachedPolicies(List<String> arns) {
        return new IamUser(accountId, name, path, userId, created, permissionsBoundary, tags, inlinePolicies, arns,
                groups);
    }

    IamUser withGroups(List<String> names) {
        return new IamUser(accountId, name, path, userId, created, permissionsBoundary, tags, inlinePolicies,
                attachedPolicies, names);
    }

    IamUser withPermissionsBoundary(String arn) {
        return new IamUser(accountId, name, path, userId, created, arn, tags, inlinePolicies, attachedPolicies, groups);
    }
}
