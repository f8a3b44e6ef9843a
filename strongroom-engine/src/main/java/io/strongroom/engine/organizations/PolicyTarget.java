package io.strongroom.engine.organizations;

/** A root, OU or account a policy is attached to, as ListTargetsForPolicy shows it. */
public record PolicyTarget(String targetId, String arn, String name, TargetType type) {
}
