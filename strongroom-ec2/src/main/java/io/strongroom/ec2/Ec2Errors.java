package io.strongroom.ec2;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.List;

/** Every error EC2 answers with here (EC2 answers them all with status 400 in its XML envelope). */
public final class Ec2Errors {
    private Ec2Errors() {
    }

    private static ServiceException error(String code, String message) {
        return new ServiceException(ErrorCode.of(code), message);
    }

    public static ServiceException missingParameter(String name) {
        return error("MissingParameter", "The request must contain the parameter " + name);
    }

    public static ServiceException invalidParameterValue(String message) {
        return error("InvalidParameterValue", message);
    }

    public static ServiceException invalidParameterCombination(String message) {
        return error("InvalidParameterCombination", message);
    }

    public static ServiceException invalidParameter(String message) {
        return error("InvalidParameter", message);
    }

    public static ServiceException volumeNotFound(String id) {
        return error("InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
    }

    public static ServiceException malformedVolumeId(String id) {
        return error("InvalidVolumeID.Malformed", "Invalid id: \"" + id + "\" (expecting \"vol-...\")");
    }

    public static ServiceException malformedUserId(String id) {
        return error("InvalidUserID.Malformed", "Invalid user id: '" + id + "'");
    }

    public static ServiceException invalidId(String id) {
        return error("InvalidID", "The ID '" + id + "' is not valid");
    }

    public static ServiceException invalidZone(String zone) {
        return error("InvalidZone.NotFound", "The zone '" + zone + "' does not exist.");
    }

    public static ServiceException invalidNextToken(String token) {
        return error("InvalidPaginationToken", "Invalid pagination token: " + token);
    }

    public static ServiceException snapshotNotFound(String id) {
        return error("InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
    }

    /** CreateVolume from a snapshot that is not completed, in EC2's words. */
    public static ServiceException snapshotInvalidState(String state) {
        return error("IncorrectState", "Snapshot is in invalid state - " + state);
    }

    /**
     * CreateVolume with a Size below the snapshot's: the words EC2 answers for a block device mapping that does the
     * same (D127).
     */
    public static ServiceException volumeSmallerThanSnapshot(int size, String snapshotId, int snapshotSize) {
        return error("InvalidParameterValue", "Volume of size " + size + "GB is smaller than snapshot '" + snapshotId
                + "', expect size >= " + snapshotSize + "GB");
    }

    public static ServiceException unsupported(String message) {
        return error("UnsupportedOperation", message);
    }

    public static ServiceException malformedSnapshotId(String id) {
        return error("InvalidSnapshotID.Malformed", "Invalid id: \"" + id + "\" (expecting \"snap-...\")");
    }

    /** AWS's answer to DeleteSnapshot on a snapshot AWS Backup made for a recovery point. */
    public static ServiceException snapshotManagedByBackup() {
        return error("InvalidParameterValue", "This snapshot is managed by the AWS Backup service and cannot be "
                + "deleted via EC2 APIs. If you wish to delete this snapshot, please do so via the Backup console.");
    }

    /** DeleteSnapshot on a snapshot behind a mapping of an existing image. */
    public static ServiceException snapshotInUse(String snapshotId, String imageId) {
        return error("InvalidSnapshot.InUse", "The snapshot " + snapshotId + " is currently in use by " + imageId);
    }

    public static ServiceException volumeInUse(String volumeId, String instanceId) {
        return error("VolumeInUse", "Volume " + volumeId + " is currently attached to " + instanceId);
    }

    public static ServiceException imageNotFound(List<String> ids) {
        return error("InvalidAMIID.NotFound", ids.size() == 1 ? "The image id '[" + ids.get(0) + "]' does not exist"
                : "The image ids '[" + String.join(", ", ids) + "]' do not exist");
    }

    /**
     * DeregisterImage on an image AWS Backup made for a recovery point. AWS documents the refusal ("You can't use
     * Amazon EC2 to deregister an AMI that is managed by the AWS Backup service") but not its words; these are
     * DeleteSnapshot's for AWS Backup's snapshots, said of an image (D113).
     */
    public static ServiceException imageManagedByBackup() {
        return error("InvalidParameterValue", "This image is managed by the AWS Backup service and cannot be "
                + "deregistered via EC2 APIs. If you wish to deregister this image, please do so via the Backup "
                + "console.");
    }

    /** DeregisterImage on an image of another account (the catalogue's public images). */
    public static ServiceException notAuthorizedForImage(String id) {
        return error("AuthFailure", "Not authorized for image:" + id);
    }

    public static ServiceException malformedImageId(String id) {
        return error("InvalidAMIID.Malformed", "Invalid id: \"" + id + "\" (expecting \"ami-...\")");
    }

    public static ServiceException instanceNotFound(List<String> ids) {
        return error("InvalidInstanceID.NotFound", ids.size() == 1
                ? "The instance ID '" + ids.get(0) + "' does not exist"
                : "The instance IDs '" + String.join(", ", ids) + "' do not exist");
    }

    public static ServiceException malformedInstanceId(String id) {
        return error("InvalidInstanceID.Malformed", "Invalid id: \"" + id + "\" (expecting \"i-...\")");
    }

    public static ServiceException invalidInstanceType(String type) {
        return error("InvalidParameterValue", "Invalid value '" + type + "' for InstanceType.");
    }

    public static ServiceException architectureMismatch(String typeArchitecture, String imageId,
                                                        String imageArchitecture) {
        return error("InvalidParameterValue", "The requested instance type's architecture (" + typeArchitecture
                + ") does not match the architecture in the manifest for " + imageId + " (" + imageArchitecture + ")");
    }

    public static ServiceException invalidBlockDeviceMapping(String message) {
        return error("InvalidBlockDeviceMapping", message);
    }

    public static ServiceException keyPairNotFound(String name) {
        return error("InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
    }

    public static ServiceException subnetNotFound(String id) {
        return error("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
    }

    public static ServiceException securityGroupNotFound(String id) {
        return error("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
    }

    public static ServiceException instanceLimitExceeded(int requested, int limit) {
        return error("InstanceLimitExceeded", "You have requested more instances (" + requested + ") than your "
                + "current instance limit of " + limit + " allows for the specified instance type. Please visit "
                + "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
    }

    public static ServiceException incorrectInstanceState(String id, String verb) {
        return error("IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be "
                + verb + ".");
    }

    public static ServiceException terminationProtected(String id) {
        return error("OperationNotPermitted", "The instance '" + id + "' may not be terminated. Modify its "
                + "'disableApiTermination' instance attribute and try again.");
    }

    /** The answer to a call with {@code DryRun} that would have been allowed (HTTP 412, from the wire's table). */
    public static ServiceException dryRun() {
        return error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
    }
}
