package io.strongroom.engine.iam;

/**
 * A policy document as the Authorizer receives it: {@code arn} is the managed policy's ARN, or for an
 * inline policy the owner's ARN; {@code name} the policy name; {@code document} the JSON.
 */
public record NamedPolicy(String arn, String name, String document, boolean inline) {
}
