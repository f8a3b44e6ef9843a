package io.strongroom.s3;

import java.time.Instant;
import java.util.Map;

import static io.strongroom.s3.Maps.ordered;

/**
 * One bucket. Bucket names are global, as on AWS. {@code versioning} is null until versioning is first set,
 * then {@code Enabled} or {@code Suspended}; {@code policy} is the bucket policy document as sent, or null;
 * {@code madeByRestore} true for a bucket an AWS Backup restore created (null for one CreateBucket made), so a
 * restore test deletes only a bucket its restore made (D129).
 */
public record Bucket(String name, String accountId, String region, Instant created, String versioning,
                     Map<String, String> tags, String policy, Boolean madeByRestore) {
    public Bucket {
        tags = tags == null ? null : ordered(tags);
    }

    public String arn() {
        return "arn:aws:s3:::" + name;
    }

    public boolean versioningEnabled() {
        return "Enabled".equals(versioning);
    }

    public Bucket withVersioning(String status) {
        return new Bucket(name, accountId, region, created, status, tags, policy, madeByRestore);
    }

    public Bucket withTags(Map<String, String> newTags) {
        return new Bucket(name, accountId, region, created, versioning, newTags, policy, madeByRestore);
    }

    public Bucket withPolicy(String document) {
        return new Bucket(name, accountId, region, created, versioning, tags, document, madeByRestore);
    }
}
