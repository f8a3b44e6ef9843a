package io.strongroom.sigv4;

/** How a service reports errors; each reports authentication failures its own way (spec 9.8). */
public enum ProtocolFamily {
    /** STS, IAM; EC2 behaves the same for authentication. */
    QUERY,
    /** awsJson 1.0/1.1: KMS, Organizations. */
    JSON,
    /** REST-JSON: AWS Backup. */
    REST_JSON,
    S3
}
