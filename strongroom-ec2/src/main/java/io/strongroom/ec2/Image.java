package io.strongroom.ec2;

/**
 * A public machine image of the built-in catalogue (Strongroom serves no image registration).
 *
 * @param rootVolumeSize the size in GiB of the root volume an instance gets unless its block device mapping says
 */
public record Image(String id, String name, String description, String ownerId, String ownerAlias,
                    String architecture, String rootDeviceName, int rootVolumeSize, String rootVolumeType, String rootSnapshotId,
                    String platformDetails, String creationDate) {
    public String arn(String region) {
        return "arn:aws:ec2:" + region + "::image/" + id;
    }
}
