package io.strongroom.engine.organizations;

/** A policy attached directly to a target; {@code sequence} orders attachments (first attached wins). */
public record Attachment(String policyId, String type, long sequence) {
}
