package io.strongroom.api;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

/** What a handler knows about the call besides its request: who, where, and the call's transaction. */
public record CallContext(String requestId, Principal caller, String region, Tx tx) {
    public String accountId() {
        return caller.accountId();
    }
}
