package io.strongroom.engine.kms;

import java.time.Instant;

/** An alias of an account and Region; {@code targetKeyId} is null for a predefined AWS alias not yet bound. */
public record KmsAlias(String accountId, String region, String aliasName, String targetKeyId, Instant created,
                       Instant lastUpdated) {
    public String arn() {
        return "arn:aws:kms:" + region + ":" + accountId + ":" + aliasName;
    }
}
