package io.strongroom.engine.sts;

import io.strongroom.engine.identity.Credential;

/** What AssumeRole answers: the session's credentials and identity. */
public record AssumedRole(Credential credential, String assumedRoleId, String arn, Integer packedPolicySize,
                          String sourceIdentity) {
}
