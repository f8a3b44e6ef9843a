package io.strongroom.wire.model;

import io.strongroom.wire.Protocol;

/**
 * Our row for one served service: what the SDK classes cannot tell us about where to find them.
 *
 * @param sdkPackage the SDK v2 package, e.g. {@code software.amazon.awssdk.services.efs}
 * @param clientName the synchronous client interface in that package
 */
public record ServiceSpec(String name, Protocol protocol, String signingName, String sdkPackage, String clientName) {

    /** The services Strongroom knows how to serve (each needs its SDK module on the class path). */
    public static final java.util.List<ServiceSpec> ALL = java.util.List.of(
            new ServiceSpec("sts", Protocol.QUERY, "sts", "software.amazon.awssdk.services.sts", "StsClient"),
            new ServiceSpec("iam", Protocol.QUERY, "iam", "software.amazon.awssdk.services.iam", "IamClient"),
            new ServiceSpec("cloudtrail", Protocol.AWS_JSON_1_1, "cloudtrail",
                    "software.amazon.awssdk.services.cloudtrail", "CloudTrailClient"),
            new ServiceSpec("kms", Protocol.AWS_JSON_1_1, "kms", "software.amazon.awssdk.services.kms", "KmsClient"),
            new ServiceSpec("organizations", Protocol.AWS_JSON_1_1, "organizations",
                    "software.amazon.awssdk.services.organizations", "OrganizationsClient"),
            new ServiceSpec("backup", Protocol.REST_JSON_1, "backup", "software.amazon.awssdk.services.backup",
                    "BackupClient"),
            new ServiceSpec("dynamodb", Protocol.AWS_JSON_1_0, "dynamodb",
                    "software.amazon.awssdk.services.dynamodb", "DynamoDbClient"),
            new ServiceSpec("s3", Protocol.REST_XML, "s3", "software.amazon.awssdk.services.s3", "S3Client"),
            new ServiceSpec("ec2", Protocol.EC2, "ec2", "software.amazon.awssdk.services.ec2", "Ec2Client"),
            new ServiceSpec("rds", Protocol.QUERY, "rds", "software.amazon.awssdk.services.rds", "RdsClient"),
            new ServiceSpec("elasticfilesystem", Protocol.REST_JSON_1, "elasticfilesystem",
                    "software.amazon.awssdk.services.efs", "EfsClient"),
            new ServiceSpec("tagging", Protocol.AWS_JSON_1_1, "tagging",
                    "software.amazon.awssdk.services.resourcegroupstaggingapi", "ResourceGroupsTaggingApiClient"),
            new ServiceSpec("accessanalyzer", Protocol.REST_JSON_1, "access-analyzer",
                    "software.amazon.awssdk.services.accessanalyzer", "AccessAnalyzerClient"));

    public static java.util.Optional<ServiceSpec> named(String name) {
        return ALL.stream().filter(s -> s.name.equals(name)).findFirst();
    }
}
