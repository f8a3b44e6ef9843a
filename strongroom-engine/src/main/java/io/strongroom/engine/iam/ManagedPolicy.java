package io.strongroom.engine.iam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A managed policy: customer managed (in an account) or AWS managed ({@code accountId} "aws"). Keeps
 * up to five versions; {@code nextVersion} numbers the next one, so deleted version ids are never reused.
 */
public record ManagedPolicy(String accountId, String name, String path, String policyId, String description,
                            Instant created, Instant updated, String defaultVersionId, List<PolicyVersion> versions,
                            int nextVersion, List<IamTag> tags) {
    public static final String AWS_ACCOUNT = "aws";

    public ManagedPolicy {
        versions = versions == null ? List.of() : List.copyOf(versions);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String arn() {
        return "arn:aws:iam::" + accountId + ":policy" + path + name;
    }

    public boolean awsManaged() {
        return AWS_ACCOUNT.equals(accountId);
    }

    public Optional<PolicyVersion> version(String versionId) {
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }

    public PolicyVersion defaultVersion() {
        return version(defaultVersionId).orElseThrow();
    }

    ManagedPolicy withVersions(List<PolicyVersion> newVersions, String newDefault, int newNext, Instant now) {
        return new ManagedPolicy(accountId, name, path, policyId, description, created, now, newDefault, newVersions,
                newNext, tags);
    }

    ManagedPolicy withTags(List<IamTag> newTags) {
        return new ManagedPolicy(accountId, name, path, policyId, description, created, updated, defaultVersionId,
                versions, nextVersion, newTags);
    }
}
