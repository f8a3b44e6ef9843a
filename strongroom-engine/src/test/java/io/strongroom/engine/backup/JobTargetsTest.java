package io.strongroom.engine.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JobTargetsTest {
    static RestoreJob restore(String type, String source, Map<String, String> metadata) {
        return new RestoreJob("J", "123456789012", "eu-west-1", "arn:rp", "arn:vault", source, type, "arn:role",
                RestoreJob.PENDING, null, Instant.EPOCH, null, Instant.EPOCH, 1, null, metadata, false, null, null);
    }

    @Test
    void s3RestoresAreCheckedOnTheDestinationBucketsObjects() {
        assertThat(JobTargets.restore(restore("S3", "arn:aws:s3:::src", Map.of("destinationBucketName", "dst"))))
                .isEqualTo("arn:aws:s3:::dst/*");
    }

    @Test
    void efsRestoresAreCheckedOnTheTargetFileSystemOrTheSourceForANewOne() {
        String source = "arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-1";
        assertThat(JobTargets.restore(restore("EFS", source, Map.of("file-system-id", "fs-2"))))
                .isEqualTo("arn:aws:elasticfilesystem:eu-west-1:123456789012:file-system/fs-2");
        assertThat(JobTargets.restore(restore("EFS", source, Map.of("file-system-id", "fs-1",
                "newFileSystem", "true")))).isEqualTo(source);
    }

    @Test
    void otherRestoresAreCheckedOnAnyResource() {
        assertThat(JobTargets.restore(restore("DynamoDB", "arn:aws:dynamodb:eu-west-1:123456789012:table/t",
                Map.of("targetTableName", "u")))).isEqualTo("*");
    }
}
