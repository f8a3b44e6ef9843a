package io.strongroom.api;

/** Computes what a call needs from the caller's context and the decoded request. */
@FunctionalInterface
public interface AccessDeclaration<Q> {
    AccessRequirement requirement(CallContext context, Q request);
}
