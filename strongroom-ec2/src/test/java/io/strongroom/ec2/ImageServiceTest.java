package io.strongroom.ec2;

import io.strongroom.kernel.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * DescribeImages and DeregisterImage over the catalogue and an account's AWS Backup images (D113), the backup images
 * given as AWS Backup would list them.
 */
class ImageServiceTest {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "222222222222";
    static final Image BACKUP = new Image("ami-0123456789abcdef0", "AwsBackup_i-0abc_uuid", "This image is created "
            + "by the AWS Backup service.", ACCOUNT, null, "x86_64", "/dev/xvda", List.of(
            new Image.BlockDevice("/dev/xvda", "snap-0aaaaaaaaaaaaaaaa", 8, "gp3", 3000, 125, false, true),
            new Image.BlockDevice("/dev/sdf", "snap-0bbbbbbbbbbbbbbbb", 100, "gp2", null, null, true, false)),
            "Linux/UNIX", "2027-02-01T02:00:00.000Z", Image.PENDING, false, "i-0abc",
            Map.of("Backup", "daily-prod", "aws:backup:source-resource", "i-0abc"));

    final ImageService images = new ImageService((tx, account, region) -> account.equals(ACCOUNT) ? List.of(BACKUP)
            : List.of());

    List<String> ids(List<String> owners, Inputs.Filter... filters) {
        return images.describe(null, ACCOUNT, REGION, null, owners, List.of(filters), null, null).images().stream()
                .map(Image::id).toList();
    }

    static Inputs.Filter filter(String name, String... values) {
        return new Inputs.Filter(name, List.of(values));
    }

    static String amazonLinux() {
        return ImageCatalogue.images(REGION).get(0).id();
    }

    @Test
    void ownersSelfAndTheAccountIdFindOnlyTheAccountsImages() {
        assertThat(ids(List.of("self"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(ACCOUNT))).containsExactly(BACKUP.id());
        assertThat(ids(List.of("amazon"))).hasSize(2).doesNotContain(BACKUP.id());
        assertThat(ids(List.of())).hasSize(4).contains(BACKUP.id());
        assertThat(images.describe(null, "333333333333", REGION, null, List.of("self"), List.of(), null, null)
                .images()).isEmpty();
    }

    @Test
    void filtersReadTheImagesStateTagsAndDevices() {
        assertThat(ids(List.of(), filter("state", "pending"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("state", "available"))).hasSize(3).doesNotContain(BACKUP.id());
        assertThat(ids(List.of(), filter("tag:Backup", "daily-*"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("tag-key", "aws:backup:*"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("tag:Backup", "weekly"))).isEmpty();
        assertThat(ids(List.of(), filter("name", "AwsBackup_*"), filter("is-public", "false")))
                .containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("source-instance-id", "i-0abc"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("block-device-mapping.device-name", "/dev/sdf"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("block-device-mapping.snapshot-id", "snap-0bbbbbbbbbbbbbbbb")))
                .containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("block-device-mapping.encrypted", "true"))).containsExactly(BACKUP.id());
        assertThat(ids(List.of(), filter("image-id", amazonLinux()))).containsExactly(amazonLinux());
    }

    @Test
    void imageIdsMustAllBeVisible() {
        assertThat(images.describe(null, ACCOUNT, REGION, List.of(BACKUP.id(), amazonLinux()), null, null, null, null)
                .images()).extracting(Image::id).containsExactlyInAnyOrder(BACKUP.id(), amazonLinux());
        ServiceException other = catchThrowableOfType(ServiceException.class, () -> images.describe(null,
                "333333333333", REGION, List.of(BACKUP.id()), null, null, null, null));
        assertThat(other.code()).isEqualTo("InvalidAMIID.NotFound");
        assertThat(other.getMessage()).isEqualTo("The image id '[ami-0123456789abcdef0]' does not exist");
    }

    @Test
    void deregisterRefusesEveryImageThatExists() {
        ServiceException managed = catchThrowableOfType(ServiceException.class,
                () -> images.deregister(null, ACCOUNT, REGION, BACKUP.id()));
        assertThat(managed.code()).isEqualTo("InvalidParameterValue");
        assertThat(managed.getMessage()).startsWith("This image is managed by the AWS Backup service");
        ServiceException notOwned = catchThrowableOfType(ServiceException.class,
                () -> images.deregister(null, ACCOUNT, REGION, amazonLinux()));
        assertThat(notOwned.code()).isEqualTo("AuthFailure");
        assertThat(notOwned.getMessage()).isEqualTo("Not authorized for image:" + amazonLinux());
        ServiceException otherAccount = catchThrowableOfType(ServiceException.class,
                () -> images.deregister(null, "333333333333", REGION, BACKUP.id()));
        assertThat(otherAccount.code()).isEqualTo("InvalidAMIID.NotFound");
    }

    @Test
    void launchingFromAwsBackupsImageIsRefusedAndOtherIdsAreLeftToRunInstances() {
        ServiceException refused = catchThrowableOfType(ServiceException.class,
                () -> images.refuseLaunchFrom(null, ACCOUNT, REGION, BACKUP.id()));
        assertThat(refused.code()).isEqualTo("UnsupportedOperation");
        images.refuseLaunchFrom(null, ACCOUNT, REGION, amazonLinux());
        images.refuseLaunchFrom(null, ACCOUNT, REGION, "ami-0ffffffffffffffff");
    }
}
