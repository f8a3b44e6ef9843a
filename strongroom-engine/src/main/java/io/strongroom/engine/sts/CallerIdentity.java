package io.strongroom.engine.sts;

/** What GetCallerIdentity answers. */
public record CallerIdentity(String account, String arn, String userId) {
}
