package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.Map;

/**
 * An IAM role: its trust policy (who may assume it) and inline permission policies by name.
 * {@code path} starts and ends with '/'.
 */
public record IamRole(String accountId, String name, String path, String roleId, String trustPolicy,
                      Map<String, String> inlinePolicies, int maxSessionDuration, Instant created) {
    public IamRole {
        inlinePolicies = Map.copyOf(inlinePolicies == null ? Map.of() : inlinePolicies);
    }

    public String arn() {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }
}
