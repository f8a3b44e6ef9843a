package io.strongroom.rds;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

/** Every error RDS answers with here, with AWS's wording where it is known. */
public final class RdsErrors {
    private RdsErrors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException invalidParameterValue(String message) {
        return error("InvalidParameterValue", message);
    }

    public static ServiceException invalidParameterCombination(String message) {
        return error("InvalidParameterCombination", message);
    }

    public static ServiceException missing(String parameter) {
        return invalidParameterValue("The parameter " + parameter + " must be provided and must not be blank.");
    }

    public static ServiceException instanceAlreadyExists() {
        return error("DBInstanceAlreadyExists", "DB instance already exists");
    }

    public static ServiceException instanceNotFound(String identifier) {
        return error("DBInstanceNotFound", "DBInstance " + identifier + " not found.");
    }

    public static ServiceException snapshotNotFound(String identifier) {
        return error("DBSnapshotNotFound", "DBSnapshot " + identifier + " not found.");
    }

    public static ServiceException snapshotAlreadyExists(String identifier) {
        return error("DBSnapshotAlreadyExists", "Cannot create the snapshot because a snapshot with the identifier "
                + identifier + " already exists.");
    }

    public static ServiceException snapshotQuotaExceeded(int quota) {
        return error("SnapshotQuotaExceeded", "Cannot create more than " + quota + " manual snapshots");
    }

    public static ServiceException sharedSnapshotQuotaExceeded(int accounts) {
        return error("SharedSnapshotQuotaExceeded", "You can share a manual snapshot with up to " + accounts
                + " other AWS accounts.");
    }

    public static ServiceException invalidSnapshotState(String message) {
        return error("InvalidDBSnapshotState", message);
    }

    public static ServiceException clusterSnapshotNotFound(String identifier) {
        return error("DBClusterSnapshotNotFoundFault", "DBClusterSnapshot " + identifier + " not found.");
    }

    public static ServiceException clusterSnapshotAlreadyExists(String identifier) {
        return error("DBClusterSnapshotAlreadyExistsFault", "Cannot create the cluster snapshot because one with the "
                + "identifier " + identifier + " already exists.");
    }

    public static ServiceException invalidClusterSnapshotState(String message) {
        return error("InvalidDBClusterSnapshotStateFault", message);
    }

    public static ServiceException clusterAlreadyExists() {
        return error("DBClusterAlreadyExistsFault", "DB Cluster already exists");
    }

    public static ServiceException clusterNotFound(String identifier) {
        return error("DBClusterNotFoundFault", "DBCluster " + identifier + " not found.");
    }

    public static ServiceException invalidClusterState(String message) {
        return error("InvalidDBClusterStateFault", message);
    }

    public static ServiceException invalidInstanceState(String message) {
        return error("InvalidDBInstanceState", message);
    }

    public static ServiceException unsupportedCombination(String instanceClass, String engine, String version) {
        return invalidParameterCombination("RDS does not support creating a DB instance with the following "
                + "combination: DBInstanceClass=" + instanceClass + ", Engine=" + engine + ", EngineVersion="
                + version + ", LicenseModel=postgresql-license. For supported combinations of instance class and "
                + "database engine version, see the documentation.");
    }

    public static ServiceException invalidIdentifier(String parameter) {
        return invalidParameterValue("The parameter " + parameter + " is not a valid identifier. Identifiers must "
                + "begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end "
                + "with a hyphen or contain two consecutive hyphens.");
    }
}
