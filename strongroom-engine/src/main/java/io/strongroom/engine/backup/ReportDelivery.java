package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

/**
 * Where report jobs put their files: an S3 bucket of the report plan's account (the server wires it to S3). Throws
 * {@link Refused} with the job's status message when the bucket cannot take the object.
 */
@FunctionalInterface
public interface ReportDelivery {
    void put(Tx tx, String accountId, String bucket, String key, byte[] content, String contentType);

    /** The delivery was refused; the message becomes the report job's StatusMessage. */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
