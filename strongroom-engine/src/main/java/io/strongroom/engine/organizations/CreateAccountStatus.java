package io.strongroom.engine.organizations;

import java.time.Instant;
import java.util.Map;

/** The state of one CreateAccount request, which completes asynchronously. */
public record CreateAccountStatus(String id, String accountName, String email, String roleName, Map<String, String> tags,
                                  String state, Instant requestedTimestamp, Instant completedTimestamp,
                                  String accountId, String failureReason) {
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    public CreateAccountStatus succeeded(String newAccountId, Instant at) {
        return new CreateAccountStatus(id, accountName, email, roleName, tags, SUCCEEDED, requestedTimestamp, at,
                newAccountId, null);
    }

    public CreateAccountStatus failed(String reason, Instant at) {
        return new CreateAccountStatus(id, accountName, email, roleName, tags, FAILED, requestedTimestamp, at, null,
                reason);
    }
}
