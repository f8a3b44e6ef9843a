package io.strongroom.dynamodb;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What both transaction calls check of their TransactItems as a whole, in AWS's wording. */
final class TransactItems {
    static final int MAX_ACTIONS = 100;
    /** The aggregate size of the items of one transaction. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private TransactItems() {
    }

    /**
     * Between 1 and 100 entries. AWS's message for too many quotes the whole list as its servers print it; here each
     * entry is its action and table, as {@code describe} words it (D105).
     */
    static <T> void count(List<T> items, Function<T, String> describe) {
        if (items == null) {
            throw DynamoDbErrors.constraint("null", "transactItems", "Member must not be null");
        }
        if (items.isEmpty()) {
            throw DynamoDbErrors.constraint("[]", "transactItems", "Member must have length greater than or equal to 1");
        }
        if (items.size() > MAX_ACTIONS) {
            throw DynamoDbErrors.constraint(items.stream().map(i -> i == null ? "null" : describe.apply(i))
                            .collect(Collectors.joining(", ", "[", "]")), "transactItems",
                    "Member must have length less than or equal to " + MAX_ACTIONS);
        }
    }

    /** The member path of entry {@code index} (from 0) in AWS's validation messages. */
    static String member(int index, String action) {
        return "transactItems." + (index + 1) + ".member." + action;
    }

    /** No two entries on one item; {@code storeKeys} holds null for entries whose key is not valid. */
    static void distinct(List<String> storeKeys) {
        Set<String> seen = new HashSet<>();
        for (String key : storeKeys) {
            if (key != null && !seen.add(key)) {
                throw DynamoDbErrors.multipleOperationsOnOneItem();
            }
        }
    }

    static void withinSize(long bytes) {
        if (bytes > MAX_BYTES) {
            throw DynamoDbErrors.transactionTooLarge();
        }
    }
}
