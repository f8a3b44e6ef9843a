package io.strongroom.ec2;

import io.strongroom.storage.Tx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * DescribeImages and DeregisterImage over the images an account can see in a Region: the public images of the
 * built-in catalogue and the AMIs AWS Backup keeps for the account's EC2 recovery points ({@link BackupImages}).
 * EC2 lists the latter like any image of the account, and refuses to deregister either (D113). CreateTags and
 * DeleteTags change an image's tags for the calling account only, kept as edits over the tags the image was given
 * (D118).
 */
public final class ImageService implements TaggedResources {
    private static final Set<String> FILTERS = Set.of("image-id", "name", "architecture", "owner-alias", "owner-id",
            "state", "root-device-name", "root-device-type", "virtualization-type", "is-public", "image-type",
            "platform-details", "description", "tag-key", "source-instance-id", "block-device-mapping.device-name",
            "block-device-mapping.snapshot-id", "block-device-mapping.volume-size",
            "block-device-mapping.volume-type", "block-device-mapping.encrypted",
            "block-device-mapping.delete-on-termination");

    private final BackupImages backupImages;
    private final TagEditsRepository tagEdits = TagEditsRepository.IMAGES;

    public ImageService(BackupImages backupImages) {
        this.backupImages = backupImages;
    }

    public record Page(List<Image> images, String nextToken) {
    }

    /**
     * DescribeImages: by ids (all must exist and be visible), by owners ({@code amazon}, {@code self}, an account id,
     * an alias), by filters, in pages of 5 to 1,000 in id order. The account's own images are AWS Backup's; no image
     * is shared with it.
     */
    public Page describe(Tx tx, String account, String region, List<String> ids, List<String> owners,
                         List<Inputs.Filter> filters, Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, FILTERS));
        List<Image> candidates;
        if (ids != null && !ids.isEmpty()) {
            ids.stream().filter(id -> !ImageCatalogue.IMAGE_ID.matcher(id).matches()).findFirst().ifPresent(id -> {
                throw Ec2Errors.malformedImageId(id);
            });
            // one lookup per named id, not the account's every image (D120)
            Map<String, Image> named = new TreeMap<>();
            for (String id : new LinkedHashSet<>(ids)) {
                find(tx, account, region, id).ifPresent(i -> named.put(i.id(), i));
            }
            List<String> missing = ids.stream().filter(id -> !named.containsKey(id)).toList();
            if (!missing.isEmpty()) {
                throw Ec2Errors.imageNotFound(missing);
            }
            candidates = List.copyOf(named.values());
        } else {
            candidates = visible(tx, account, region);
        }
        List<Image> matching = candidates.stream()
                .filter(i -> owners == null || owners.isEmpty() || owners.stream().anyMatch(o -> ownedBy(i, o,
                        account)))
                .filter(i -> fs.stream().allMatch(f -> matches(i, f))).toList();
        return Listing.page(matching, Image::id, maxResults, nextToken, 5, 1000, Page::new);
    }

    /**
     * DeregisterImage: AWS Backup's images are deregistered through AWS Backup only (DeleteRecoveryPoint), and the
     * catalogue's belong to other accounts; so every image that exists is refused.
     */
    public void deregister(Tx tx, String account, String region, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missingParameter("imageId");
        }
        if (!ImageCatalogue.IMAGE_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedImageId(id);
        }
        Image image = find(tx, account, region, id).orElseThrow(() -> Ec2Errors.imageNotFound(List.of(id)));
        if (!image.ownerId().equals(account)) {
            throw Ec2Errors.notAuthorizedForImage(id);
        }
        throw Ec2Errors.imageManagedByBackup(); // the only images an account owns (RegisterImage is not served)
    }

    /**
     * RunInstances from one of AWS Backup's images is not served: the instance would need the recovery point's bytes,
     * which AWS Backup restores (StartRestoreJob). Any other id is left to RunInstances' own answer.
     */
    public void refuseLaunchFrom(Tx tx, String account, String region, String imageId) {
        if (imageId != null && backupImages.find(tx, account, region, imageId).isPresent()) {
            throw Ec2Errors.unsupported("Strongroom does not launch instances from AWS Backup's images; restore the "
                    + "recovery point with AWS Backup (StartRestoreJob).");
        }
    }

    /** The image the account sees under {@code id}, with its tags as the account edited them. */
    private Optional<Image> find(Tx tx, String account, String region, String id) {
        return given(tx, account, region, id).map(i -> tagEdits.get(tx, account, region, id)
                .map(e -> i.withTags(e.applyTo(i.tags()))).orElse(i));
    }

    /** The image the account sees under {@code id}, with the tags it was given: the catalogue's, else AWS Backup's. */
    private Optional<Image> given(Tx tx, String account, String region, String id) {
        Optional<Image> catalogued = ImageCatalogue.find(region, id);
        return catalogued.isPresent() ? catalogued : backupImages.find(tx, account, region, id);
    }

    /** The images the account sees, each with its tags as the account edited them. */
    private List<Image> visible(Tx tx, String account, String region) {
        Map<String, TagEdits> edits = tagEdits.byResource(tx, account, region);
        return given(tx, account, region).stream()
                .map(i -> edits.containsKey(i.id()) ? i.withTags(edits.get(i.id()).applyTo(i.tags())) : i).toList();
    }

    /** The images the account sees, with the tags they were given. */
    private List<Image> given(Tx tx, String account, String region) {
        List<Image> all = new ArrayList<>(ImageCatalogue.images(region));
        all.addAll(backupImages.list(tx, account, region));
        all.sort(Comparator.comparing(Image::id));
        return all;
    }

    // ---- tags (CreateTags, DeleteTags, DescribeTags)

    @Override
    public String idPrefix() {
        return "ami-";
    }

    @Override
    public String resourceType() {
        return "image";
    }

    /**
     * The tags the account sees on an image it can see: its own AWS Backup images and the catalogue's public ones
     * (EC2: "You can tag public or shared resources, but the tags you assign are available only to your AWS account").
     */
    @Override
    public Map<String, String> tagsOf(Tx tx, String account, String region, String id) {
        return image(tx, account, region, id).tags();
    }

    @Override
    public void replaceTags(Tx tx, String account, String region, String id, Map<String, String> tags) {
        String imageId = image(tx, account, region, id).id();
        Image given = given(tx, account, region, imageId).orElseThrow();
        tagEdits.save(tx, TagEdits.between(account, region, given.id(), given.tags(), tags));
    }

    /** The images with tags the account sees: its own, and the catalogue's it tagged. */
    @Override
    public List<Map.Entry<String, Map<String, String>>> tagged(Tx tx, String account, String region) {
        return visible(tx, account, region).stream().filter(i -> !i.tags().isEmpty())
                .map(i -> Map.entry(i.id(), i.tags())).toList();
    }

    private Image image(Tx tx, String account, String region, String idOrArn) {
        String id = idOrArn != null && idOrArn.startsWith("arn:") ? idOrArn.substring(idOrArn.lastIndexOf('/') + 1)
                : idOrArn;
        if (id == null || !ImageCatalogue.IMAGE_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedImageId(id);
        }
        return find(tx, account, region, id).orElseThrow(() -> Ec2Errors.imageNotFound(List.of(id)));
    }

    static boolean ownedBy(Image i, String owner, String caller) {
        return "self".equals(owner) ? i.ownerId().equals(caller)
                : owner.equals(i.ownerId()) || owner.equals(i.ownerAlias());
    }

    static boolean matches(Image i, Inputs.Filter f) {
        List<String> v = Listing.values(f);
        if (f.name().startsWith("tag:")) {
            return Listing.tagMatches(i.tags(), f);
        }
        return switch (f.name()) {
            case "image-id" -> Listing.anyGlob(v, i.id());
            case "name" -> Listing.anyGlob(v, i.name());
            case "description" -> Listing.anyGlob(v, i.description());
            case "architecture" -> Listing.anyGlob(v, i.architecture());
            case "owner-alias" -> Listing.anyGlob(v, i.ownerAlias());
            case "owner-id" -> Listing.anyGlob(v, i.ownerId());
            case "state" -> Listing.anyGlob(v, i.state());
            case "root-device-name" -> Listing.anyGlob(v, i.rootDeviceName());
            case "root-device-type" -> Listing.anyGlob(v, "ebs");
            case "virtualization-type" -> Listing.anyGlob(v, "hvm");
            case "is-public" -> Listing.anyGlob(v, Boolean.toString(i.isPublic()));
            case "image-type" -> Listing.anyGlob(v, "machine");
            case "platform-details" -> Listing.anyGlob(v, i.platformDetails());
            case "source-instance-id" -> Listing.anyGlob(v, i.sourceInstanceId());
            case "tag-key" -> Listing.tagKeyMatches(i.tags(), f);
            case "block-device-mapping.device-name" -> i.blockDevices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, d.deviceName()));
            case "block-device-mapping.snapshot-id" -> i.blockDevices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, d.snapshotId()));
            case "block-device-mapping.volume-size" -> i.blockDevices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, Integer.toString(d.volumeSize())));
            case "block-device-mapping.volume-type" -> i.blockDevices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, d.volumeType()));
            case "block-device-mapping.encrypted" -> i.blockDevices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, Boolean.toString(d.encrypted())));
            case "block-device-mapping.delete-on-termination" -> i.blockDevices().stream()
                    .anyMatch(d -> Listing.anyGlob(v, Boolean.toString(d.deleteOnTermination())));
            default -> false;
        };
    }
}
