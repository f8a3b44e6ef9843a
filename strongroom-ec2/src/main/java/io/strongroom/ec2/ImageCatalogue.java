package io.strongroom.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public images every Region offers here: Amazon Linux 2023 (x86_64 and arm64) and Ubuntu 24.04 LTS. Like
 * AWS, an image has a different id in each Region; ids are derived from the Region and the image name, so they
 * are stable across servers and restarts.
 */
public final class ImageCatalogue {
    static final String AMAZON = "137112412989";
    static final String CANONICAL = "099720109477";
    private static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");
    private static final Set<String> FILTERS = Set.of("image-id", "name", "architecture", "owner-alias", "owner-id",
            "state", "root-device-name", "root-device-type", "virtualization-type", "is-public", "image-type",
            "platform-details", "description");

    private ImageCatalogue() {
    }

    public static List<Image> images(String region) {
        return List.of(
                image(region, "al2023-ami-2023.6.20250115.0-kernel-6.1-x86_64", "Amazon Linux 2023 AMI "
                        + "2023.6.20250115.0 x86_64 HVM kernel-6.1", AMAZON, "amazon", "x86_64", "/dev/xvda", 8,
                        "Linux/UNIX", "2025-01-15T21:14:39.000Z"),
                image(region, "al2023-ami-2023.6.20250115.0-kernel-6.1-arm64", "Amazon Linux 2023 AMI "
                        + "2023.6.20250115.0 arm64 HVM kernel-6.1", AMAZON, "amazon", "arm64", "/dev/xvda", 8,
                        "Linux/UNIX", "2025-01-15T21:14:41.000Z"),
                image(region, "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20250115",
                        "Canonical, Ubuntu, 24.04, amd64 noble image", CANONICAL, null, "x86_64", "/dev/sda1", 8,
                        "Linux/UNIX", "2025-01-15T07:12:03.000Z"));
    }

    private static Image image(String region, String name, String description, String owner, String alias,
                               String architecture, String rootDevice, int rootSize, String platform, String created) {
        return new Image("ami-0" + digits(region + "/" + name), name, description, owner, alias, architecture,
                rootDevice, rootSize, "gp3", "snap-0" + digits(region + "/" + name + "/root"), platform, created);
    }

    private static String digits(String seed) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The image RunInstances launches: malformed ids and ids the Region does not have fail as EC2 answers. */
    static Image image(String region, String id) {
        if (id == null || id.isEmpty()) {
            throw Ec2Errors.missingParameter("ImageId");
        }
        if (!IMAGE_ID.matcher(id).matches()) {
            throw Ec2Errors.malformedImageId(id);
        }
        return images(region).stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> Ec2Errors.imageNotFound(List.of(id)));
    }

    static Optional<Image> find(String region, String id) {
        return images(region).stream().filter(i -> i.id().equals(id)).findFirst();
    }

    public record Page(List<Image> images, String nextToken) {
    }

    /**
     * DescribeImages: by ids (all must exist), by owners ({@code amazon}, {@code self}, an account id, an alias),
     * by filters; {@code self} finds nothing, since nobody registers images here.
     */
    public static Page describe(String account, String region, List<String> ids, List<String> owners,
                                List<Inputs.Filter> filters, Integer maxResults, String nextToken) {
        List<Inputs.Filter> fs = filters == null ? List.of() : filters;
        fs.forEach(f -> Listing.checkFilter(f, FILTERS));
        List<Image> candidates = new ArrayList<>(images(region));
        if (ids != null && !ids.isEmpty()) {
            ids.stream().filter(id -> !IMAGE_ID.matcher(id).matches()).findFirst().ifPresent(id -> {
                throw Ec2Errors.malformedImageId(id);
            });
            List<String> missing = ids.stream().filter(id -> find(region, id).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw Ec2Errors.imageNotFound(missing);
            }
            candidates.removeIf(i -> !ids.contains(i.id()));
        }
        if (owners != null && !owners.isEmpty()) {
            candidates.removeIf(i -> owners.stream().noneMatch(o -> o.equals(i.ownerId()) || o.equals(i.ownerAlias())
                    || (o.equals("self") && i.ownerId().equals(account))));
        }
        List<Image> matching = candidates.stream().filter(i -> fs.stream().allMatch(f -> matches(i, f)))
                .sorted(java.util.Comparator.comparing(Image::id)).toList();
        return Listing.page(matching, Image::id, maxResults, nextToken, 5, 1000, Page::new);
    }

    private static boolean matches(Image i, Inputs.Filter f) {
        List<String> v = Listing.values(f);
        if (f.name().startsWith("tag:")) {
            return false;
        }
        return switch (f.name()) {
            case "image-id" -> Listing.anyGlob(v, i.id());
            case "name" -> Listing.anyGlob(v, i.name());
            case "description" -> Listing.anyGlob(v, i.description());
            case "architecture" -> Listing.anyGlob(v, i.architecture());
            case "owner-alias" -> Listing.anyGlob(v, i.ownerAlias());
            case "owner-id" -> Listing.anyGlob(v, i.ownerId());
            case "state" -> Listing.anyGlob(v, "available");
            case "root-device-name" -> Listing.anyGlob(v, i.rootDeviceName());
            case "root-device-type" -> Listing.anyGlob(v, "ebs");
            case "virtualization-type" -> Listing.anyGlob(v, "hvm");
            case "is-public" -> Listing.anyGlob(v, "true");
            case "image-type" -> Listing.anyGlob(v, "machine");
            case "platform-details" -> Listing.anyGlob(v, i.platformDetails());
            default -> false;
        };
    }
}
