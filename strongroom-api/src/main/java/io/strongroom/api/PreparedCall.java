package io.strongroom.api;

/** A call whose store-free work is done: what is left runs in the call's transaction. */
@FunctionalInterface
public interface PreparedCall {
    Served run(CallContext context);
}
