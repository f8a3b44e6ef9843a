package io.strongroom.engine.sts;

import java.util.List;
import java.util.Map;

/** An AssumeRole call as the domain sees it; nulls mean "not given". */
public record AssumeRoleInput(String roleArn, String roleSessionName, Integer durationSeconds, String externalId,
                              String serialNumber, String tokenCode, Map<String, String> tags,
                              List<String> transitiveTagKeys, String sourceIdentity, String policy,
                              List<String> policyArns, String sourceIp) {
    public AssumeRoleInput {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        transitiveTagKeys = transitiveTagKeys == null ? List.of() : List.copyOf(transitiveTagKeys);
        policyArns = policyArns == null ? List.of() : List.copyOf(policyArns);
    }
}
