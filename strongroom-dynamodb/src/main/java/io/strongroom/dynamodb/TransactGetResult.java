package io.strongroom.dynamodb;

import java.util.List;
import java.util.Map;

/** What TransactGetItems read: the items in request order, null for those that do not exist; the capacity used. */
public record TransactGetResult(List<Map<String, AttributeValue>> items, List<TableCapacity> capacity) {
}
