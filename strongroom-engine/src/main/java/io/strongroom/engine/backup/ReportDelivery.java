package io.strongroom.engine.backup;

import io.strongroom.engine.identity.Principal;
import io.strongroom.storage.Tx;

/**
 * Where report jobs put their files: S3, wired in the server. Each file is one PutObject into the report plan's
 * bucket with the canned ACL {@code bucket-owner-full-control}, made by {@code writer} (Backup Audit Manager's
 * service-linked role) and authorized as S3 authorizes any caller's PutObject: the writer's identity policies, the
 * bucket policy, the organization's control policies. Throws {@link Refused} with the job's status message when S3
 * does not take the object.
 */
@FunctionalInterface
public interface ReportDelivery {
    String CANNED_ACL = "bucket-owner-full-control";

    void put(Tx tx, Principal writer, String region, ReportFile file);

    /** One report file: its bucket, key, bytes and content type. */
    record ReportFile(String bucket, String key, byte[] content, String contentType) {
    }

    /** The delivery was refused; the message becomes the report job's StatusMessage. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
