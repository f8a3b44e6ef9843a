package io.strongroom.resource;

import java.time.Instant;
import java.util.Map;

/**
 * A resource AWS Backup can protect, as selections, reports and the Tagging API see it.
 *
 * @param resourceType AWS Backup's name for the type: DynamoDB, S3, RDS, Aurora, EBS, EC2, EFS
 * @param name         the resource's own name or id (table name, bucket, vol-..., db identifier)
 */
public record ProtectedResource(String arn, String resourceType, String accountId, String region, String name,
                                Map<String, String> tags, Instant created, long sizeBytes) {
    public ProtectedResource {
        tags = Map.copyOf(tags == null ? Map.of() : tags);
    }
}
