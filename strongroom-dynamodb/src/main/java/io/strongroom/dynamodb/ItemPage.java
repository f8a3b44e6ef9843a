package io.strongroom.dynamodb;

import java.util.List;
import java.util.Map;

/** One page of Query or Scan: matching items, how many were read, where to go on (null at the end). */
public record ItemPage(List<Map<String, AttributeValue>> items, int count, int scannedCount,
                       Map<String, AttributeValue> lastEvaluatedKey) {
}
