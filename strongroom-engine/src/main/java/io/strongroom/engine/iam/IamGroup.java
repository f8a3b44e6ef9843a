package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An IAM group: name and path, unique id ({@code AGPA...}), inline policies and attached managed policy ARNs. */
public record IamGroup(String accountId, String name, String path, String groupId, Instant created,
                       Map<String, String> inlinePolicies, List<String> attachedPolicies) {
    public IamGroup {
        inlinePolicies = Collections.unmodifiableMap(new TreeMap<>(inlinePolicies == null ? Map.of() : inlinePolicies));
        attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    }

    public String arn() {
        return "arn:aws:iam::" + accountId + ":group" + path + name;
    }

    IamGroup withInlinePolicies(Map<String, String> policies) {
        return new IamGroup(accountId, name, path, groupId, created, policies, attachedPolicies);
    }

    IamGroup withAttachedPolicies(List<String> arns) {
        return new IamGroup(accountId, name, path, groupId, created, inlinePolicies, arns);
    }
}
