package io.strongroom.api;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

/**
 * What a handler knows about the call besides its request: who, where, and the call's transaction. {@code sourceIp}
 * is the address the call came from (absent for calls Strongroom makes as an AWS service).
 */
public record CallContext(String requestId, Principal caller, String region, Tx tx, String sourceIp) {
    public CallContext(String requestId, Principal caller, String region, Tx tx) {
        this(requestId, caller, region, tx, null);
    }

    public String accountId() {
        return caller.accountId();
    }
}
