package io.strongroom.dynamodb;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every error DynamoDB answers with here, with AWS's wording. */
public final class DynamoDbErrors {
    private DynamoDbErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException validation(String message) {
        return error("ValidationException", message);
    }

    /** "One or more parameter values were invalid: ..." */
    public static ServiceException invalidParameter(String detail) {
        return validation("One or more parameter values were invalid: " + detail);
    }

    /** The model's constraint wording, as AWS's request validation words it. */
    public static ServiceException constraint(String value, String member, String constraint) {
        return validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    public static ServiceException resourceNotFound() {
        return error("ResourceNotFoundException", "Requested resource not found");
    }

    public static ServiceException tableNotFound(String table) {
        return error("ResourceNotFoundException", "Requested resource not found: Table: " + table + " not found");
    }

    /** The error of the backup calls (DescribeContinuousBackups), which name a missing table differently. */
    public static ServiceException backupTableNotFound(String table) {
        return error("TableNotFoundException", "Table not found: " + table);
    }

    /** DescribeBackup's answer for an ARN that names no backup of the account, in AWS's words. */
    public static ServiceException backupNotFound(String arn) {
        return error("BackupNotFoundException", "Backup not found: " + arn);
    }

    /** RestoreTableFromBackup's target table exists (moto and AWS's reference: TableAlreadyExistsException). */
    public static ServiceException restoreTargetExists(String table) {
        return error("TableAlreadyExistsException", "Table already exists: " + table);
    }

    /** RestoreTableToPointInTime of a table whose point-in-time recovery is disabled (D121). */
    public static ServiceException pointInTimeRecoveryUnavailable(String table) {
        return error("PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table '"
                + table + "'");
    }

    /** RestoreTableToPointInTime to a time outside the window, in the words of AWS's reference (D121). */
    public static ServiceException invalidRestoreTime() {
        return error("InvalidRestoreTimeException", "An invalid restore time was specified. RestoreDateTime must be "
                + "between EarliestRestorableDateTime and LatestRestorableDateTime.");
    }

    /** DeleteBackup of a backup AWS Backup keeps: AWS documents the refusal but not its words (D117). */
    public static ServiceException managedByAwsBackup(String arn) {
        return validation("Backup " + arn + " was made by AWS Backup and can only be deleted from its AWS Backup "
                + "vault (AWS Backup's DeleteRecoveryPoint)");
    }

    /** RestoreTableFromBackup of a backup AWS Backup keeps, which Strongroom restores through AWS Backup (D117). */
    public static ServiceException restoreThroughAwsBackup(String arn) {
        return unserved("RestoreTableFromBackup of a backup made by AWS Backup (" + arn + "): restore it with AWS "
                + "Backup's StartRestoreJob");
    }

    public static ServiceException arnNotFound(String arn) {
        return error("ResourceNotFoundException", "Requested resource not found: ResourcArn: " + arn + " not found");
    }

    public static ServiceException tableExists(String table) {
        return error("ResourceInUseException", "Table already exists: " + table);
    }

    public static ServiceException tableInUse(String table) {
        return error("ResourceInUseException", "Attempt to change a resource which is still in use: Table is being "
                + "deleted: " + table);
    }

    public static ServiceException deletionProtected(String arn) {
        return validation("Resource cannot be deleted as it is currently protected against deletion. Disable "
                + "deletion protection first.");
    }

    public static ServiceException conditionalCheckFailed() {
        return error("ConditionalCheckFailedException", "The conditional request failed");
    }

    public static ServiceException keyMismatch() {
        return validation("The provided key element does not match the schema");
    }

    public static ServiceException missingKey(String name) {
        return invalidParameter("Missing the key " + name + " in the item");
    }

    public static ServiceException keyTypeMismatch(String name, String expected, String actual) {
        return invalidParameter("Type mismatch for key " + name + " expected: " + expected + " actual: " + actual);
    }

    public static ServiceException indexKeyTypeMismatch(String name, String expected, String actual, String index) {
        return invalidParameter("Type mismatch for Index Key " + name + " Expected: " + expected + " Actual: " + actual
                + " IndexName: " + index);
    }

    public static ServiceException emptyIndexKey(String index, String name) {
        return validation("One or more parameter values are not valid. A value specified for a secondary index key is "
                + "not supported. The AttributeValue for a key attribute cannot contain an empty string value. "
                + "IndexName: " + index + ", IndexKey: " + name);
    }

    public static ServiceException noSuchIndex(String index) {
        return validation("The table does not have the specified index: " + index);
    }

    public static ServiceException emptyKeyString(String name) {
        return validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                + "cannot contain an empty string value. Key: " + name);
    }

    public static ServiceException invalidStartKey() {
        return validation("The provided starting key is invalid: The provided key element does not match the schema");
    }

    public static ServiceException unusedValues(Collection<String> keys) {
        return validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                + keys.stream().sorted().collect(Collectors.joining(", ")) + "}");
    }

    public static ServiceException unusedNames(Collection<String> keys) {
        return validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                + keys.stream().sorted().collect(Collectors.joining(", ")) + "}");
    }

    public static ServiceException tooManyItems(String operation) {
        return validation("Too many items requested for the " + operation + " call");
    }

    /** A TransactItems entry holding none, or more than one, of its actions (D105). */
    public static ServiceException invalidTransactItem() {
        return validation("TransactItems can only contain one of Check, Put, Update or Delete");
    }

    public static ServiceException multipleOperationsOnOneItem() {
        return validation("Transaction request cannot include multiple operations on one item");
    }

    /** Strongroom's wording: AWS's own is not documented (D105). */
    public static ServiceException transactionTooLarge() {
        return validation("The aggregate size of the items in the transaction has exceeded the maximum allowed size "
                + "of 4 MB");
    }

    // ---- UpdateTable (D115)

    /** UpdateTable that asks for no change; the list names members the public model lacks, as AWS's does. */
    public static ServiceException nothingToUpdate() {
        return validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                + "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
                + "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, "
                + "WarmThroughput or TableClass is required");
    }

    /** A change AWS makes only alone: "Server-Side Encryption", "TableClass", "DeletionProtection". */
    public static ServiceException onlyOperation(String change) {
        return invalidParameter(change + " modification must be the only operation in the request");
    }

    /** A member of the request Strongroom does not serve, refused rather than ignored. */
    public static ServiceException unserved(String what) {
        return validation("Strongroom does not serve " + what);
    }

    public static ServiceException limitExceeded(String detail) {
        return error("LimitExceededException", "Subscriber limit exceeded: " + detail);
    }

    public static ServiceException oneOnlineIndex() {
        return limitExceeded("Only 1 online index can be created or deleted simultaneously per table");
    }

    /** UpdateTable's answer for a GlobalSecondaryIndexUpdates entry naming no index of the table. */
    public static ServiceException indexNotFound(String index, String table) {
        return error("ResourceNotFoundException", "Requested resource not found: Index " + index + " for table "
                + table);
    }

    /** ProvisionedThroughput equal to the table's ({@code index} null) or a global index's. */
    public static ServiceException throughputUnchanged(String index, long read, long write) {
        String of = index == null ? "the table" : "the index " + index;
        String provisioned = index == null ? "provisioned for the table" : "provisioned for index " + index;
        return validation("The provisioned throughput for " + of + " will not change. The requested value equals "
                + "the current value. Current ReadCapacityUnits " + provisioned + ": " + read + ". Requested "
                + "ReadCapacityUnits: " + read + ". Current WriteCapacityUnits " + provisioned + ": " + write
                + ". Requested WriteCapacityUnits: " + write + ". Refer to the Amazon DynamoDB Developer Guide for "
                + "current limits and how to request higher limits.");
    }

    private static final DateTimeFormatter DECREASE_TIME = DateTimeFormatter
            .ofPattern("EEEE, MMMM d, uuuu 'at' h:mm:ss a 'Coordinated Universal Time'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SWITCH_TIME = DateTimeFormatter
            .ofPattern("EEE MMM dd HH:mm:ss 'UTC' uuuu", Locale.US).withZone(ZoneOffset.UTC);

    public static ServiceException decreasesLimited(long today, Instant last, Instant next) {
        return limitExceeded("Provisioned throughput decreases are limited within a given UTC day. After the first "
                + "4 decreases, each subsequent decrease in the same UTC day can be performed at most once every "
                + "3600 seconds. Number of decreases today: " + today + ". Last decrease at "
                + DECREASE_TIME.format(last) + ". Next decrease can be made at " + DECREASE_TIME.format(next));
    }

    /** Strongroom's wording after AWS's older one for its older limit of one switch a day (D115). */
    public static ServiceException switchesToPayPerRequestLimited(Instant last, Instant next) {
        return limitExceeded("Update to PayPerRequest mode are limited to 4 times in 1 day(s). Last update at "
                + SWITCH_TIME.format(last) + ". Next update can be made at " + SWITCH_TIME.format(next));
    }

    public static ServiceException tableClassUpdatesLimited() {
        return limitExceeded("Updates to TableClass are limited to 2 times in 30 day(s).");
    }

    public static ServiceException invalidTableClass() {
        return validation("Invalid table-class parameter provided. Please try again with a valid table-class value: "
                + "[STANDARD, STANDARD_INFREQUENT_ACCESS].");
    }

    public static ServiceException idempotentParameterMismatch() {
        return error("IdempotentParameterMismatchException", "DynamoDB rejected the request because you retried a "
                + "request with a different payload but with an idempotent token that was already used.");
    }
}
