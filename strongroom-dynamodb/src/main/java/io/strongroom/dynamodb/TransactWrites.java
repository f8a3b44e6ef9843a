package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TransactWriteItems: up to 100 actions on items of one account's tables in a Region, all applied or none. Every
 * action is checked against its item as it is before any is applied (no two may name one item, so none sees
 * another's work), and the writes then go into the call's one store transaction together.
 */
final class TransactWrites {
    private final DynamoDbService db;
    private final TransactionTokens tokens;
    private final Collection<Map<String, AttributeValue>> items = new Collection<>(DynamoDbService.ITEMS,
            DynamoDbCodecs.ITEM);

    TransactWrites(DynamoDbService db, Clock clock) {
        this.db = db;
        this.tokens = new TransactionTokens(clock);
    }

    List<TableCapacity> write(Tx tx, String account, String region, Inputs.TransactWrite in) {
        TransactItems.count(in.items(), i -> "{" + i.action().member() + ": " + i.tableName() + "}");
        TransactionTokens.validate(in.clientRequestToken());
        List<TransactWriteAction> actions = new ArrayList<>();
        for (int i = 0; i < in.items().size(); i++) {
            Inputs.TransactWriteItem item = in.items().get(i);
            String member = TransactItems.member(i, item.action().member());
            Table table = db.table(tx, account, region, item.tableName(), member + ".tableName");
            actions.add(TransactWriteAction.prepare(item, table, member));
        }
        TransactItems.distinct(actions.stream().map(TransactWriteAction::storeKey).toList());
        TransactItems.withinSize(actions.stream().mapToLong(TransactWriteAction::requestBytes).sum());

        String token = in.clientRequestToken();
        String fingerprint = token == null ? null : RequestFingerprint.of(in.items());
        if (token != null && tokens.completed(tx, account, region, token, fingerprint)) {
            return reread(tx, actions);
        }
        List<Map<String, AttributeValue>> before = new ArrayList<>();
        List<TransactWriteAction.Outcome> outcomes = new ArrayList<>();
        for (TransactWriteAction action : actions) {
            Map<String, AttributeValue> item = action.storeKey() == null ? null
                    : items.get(tx, action.storeKey()).orElse(null);
            before.add(item);
            outcomes.add(action.outcome(item));
        }
        if (outcomes.stream().anyMatch(o -> o.reason().cancels())) {
            throw new TransactionCanceled(outcomes.stream().map(TransactWriteAction.Outcome::reason).toList());
        }
        TransactionCapacity capacity = new TransactionCapacity();
        Map<String, Boolean> kept = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            TransactWriteAction action = actions.get(i);
            Map<String, AttributeValue> after = outcomes.get(i).after();
            boolean changes = action.writes() && (after != null || before.get(i) != null);
            if (changes && kept.computeIfAbsent(action.table().tableId(), id -> db.keepsHistory(tx, action.table()))) {
                db.remember(tx, action.table(), action.storeKey(), before.get(i));
            }
            if (action.writes() && after != null) {
                items.put(tx, action.storeKey(), after);
            } else if (action.writes() && before.get(i) != null) {
                items.delete(tx, action.storeKey());
            }
            capacity.write(action.table().name(), Math.max(size(before.get(i)), size(after)));
        }
        if (token != null) {
            tokens.remember(tx, account, region, token, fingerprint);
        }
        return capacity.tables();
    }

    /** A call repeated with its token: applied already, so only read again, as reads (D105). */
    private List<TableCapacity> reread(Tx tx, List<TransactWriteAction> actions) {
        TransactionCapacity capacity = new TransactionCapacity();
        for (TransactWriteAction action : actions) {
            capacity.read(action.table().name(), size(action.storeKey() == null ? null
                    : items.get(tx, action.storeKey()).orElse(null)));
        }
        return capacity.tables();
    }

    private static long size(Map<String, AttributeValue> item) {
        return item == null ? 0 : ItemSize.of(item);
    }
}
