package io.strongroom.server;

import io.strongroom.engine.backup.ReportDelivery;
import io.strongroom.engine.identity.Principal;
import io.strongroom.kernel.ServiceException;
import io.strongroom.s3.S3Service;
import io.strongroom.server.pipeline.InternalInvoker;
import io.strongroom.storage.Tx;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.util.function.Supplier;

/**
 * Report files into S3: one S3 PutObject per file, made as the report's writer through the {@link InternalInvoker},
 * so the writer's identity policies, the bucket policy and the organization's policies decide exactly as they do for
 * any caller's PutObject (decision D65). A refusal is S3's error, code and message.
 */
final class S3ReportDelivery implements ReportDelivery {
    private final S3Service s3;
    private final Supplier<InternalInvoker> calls;

    /** {@code calls} is read at delivery: the invoker serves every API, the report service's own among them. */
    S3ReportDelivery(S3Service s3, Supplier<InternalInvoker> calls) {
        this.s3 = s3;
        this.calls = calls;
    }

    @Override
    public void put(Tx tx, Principal writer, String region, ReportFile file) {
        try {
            // S3 answers NoSuchBucket whoever asks, before it looks at permissions.
            s3.headBucket(tx, writer.accountId(), file.bucket());
            calls.get().call(tx, writer, region, "s3", "PutObject", PutObjectRequest.builder().bucket(file.bucket())
                    .key(file.key()).contentType(file.contentType()).acl(CANNED_ACL).build(), file.content());
        } catch (ServiceException e) {
            throw new Refused(e.code() + ": " + e.getMessage());
        }
    }
}
