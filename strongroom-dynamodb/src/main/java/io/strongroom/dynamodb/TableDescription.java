package io.strongroom.dynamodb;

/** A table with its status and the live item count and size DescribeTable reports. */
public record TableDescription(Table table, String status, long itemCount, long sizeBytes) {
}
