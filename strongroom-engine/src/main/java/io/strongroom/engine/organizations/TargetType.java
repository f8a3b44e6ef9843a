package io.strongroom.engine.organizations;

/** What a policy can be attached to. */
public enum TargetType {
    ROOT, ORGANIZATIONAL_UNIT, ACCOUNT
}
