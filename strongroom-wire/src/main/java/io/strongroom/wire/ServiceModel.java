package io.strongroom.wire;

import java.util.List;
import java.util.Optional;

/** One served AWS service, as the wire layer sees it. */
public interface ServiceModel {
    /** Our short name: "sts", "iam", "s3", "elasticfilesystem", "tagging"... */
    String name();

    String signingName();

    Protocol protocol();

    /** The XML namespace of responses (query, ec2, restXml); null for JSON protocols. */
    String xmlNamespace();

    String apiVersion();

    /** The CloudTrail event source, e.g. "sts.amazonaws.com". */
    String eventSource();

    List<OperationModel> operations();

    Optional<OperationModel> operation(String name);
}
