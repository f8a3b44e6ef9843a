package io.strongroom.dynamodb;

import io.strongroom.dynamodb.codec.DynamoDbCodecs;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backups DynamoDB keeps itself (D117), in the store: each backup in {@code dynamodb.backups} under
 * {@code <account>/<region>/<backup ARN>}, and its own copy of the table's items in {@code dynamodb.backup-items}
 * under {@code <backup ARN>|<the item's key in the table>}, so later writes of the table do not reach it and a
 * deleted table's backups keep their items.
 */
final class UserBackups {
    static final String ITEMS = "dynamodb.backup-items";

    private final Collection<UserBackup> backups = new Collection<>("dynamodb.backups", DynamoDbCodecs.USER_BACKUP);
    private final Collection<Map<String, AttributeValue>> items = new Collection<>(ITEMS, DynamoDbCodecs.ITEM);

    private static String key(String account, String region, String arn) {
        return account + "/" + region + "/" + arn;
    }

    private static String itemPrefix(String arn) {
        return arn + "|";
    }

    void put(Tx tx, String account, String region, UserBackup backup, Map<String, Map<String, AttributeValue>> copy) {
        backups.put(tx, key(account, region, backup.arn()), backup, Tx.ABSENT);
        copy.forEach((itemKey, item) -> items.put(tx, itemPrefix(backup.arn()) + itemKey, item));
    }

    Optional<UserBackup> find(Tx tx, String account, String region, String arn) {
        return backups.get(tx, key(account, region, arn));
    }

    List<UserBackup> list(Tx tx, String account, String region) {
        return backups.list(tx, account + "/" + region + "/");
    }

    /** The backup's items, in the table's key order. */
    List<Map<String, AttributeValue>> items(Tx tx, UserBackup backup) {
        return items.list(tx, itemPrefix(backup.arn()));
    }

    void delete(Tx tx, String account, String region, UserBackup backup) {
        tx.deleteAll(ITEMS, itemPrefix(backup.arn()));
        backups.delete(tx, key(account, region, backup.arn()));
    }
}
