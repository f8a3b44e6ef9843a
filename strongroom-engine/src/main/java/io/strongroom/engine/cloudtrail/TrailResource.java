package io.strongroom.engine.cloudtrail;

/** A resource an event touched: its ARN (or name), owning account and CloudFormation-style type. */
public record TrailResource(String arn, String accountId, String type) {
}
