package io.strongroom.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public images every Region offers here: Amazon Linux 2023 (x86_64 and arm64) and Ubuntu 24.04 LTS. Like
 * AWS, an image has a different id in each Region; ids are derived from the Region and the image name, so they
 * are stable across servers and restarts.
 */
public final class ImageCatalogue {
    static final String AMAZON = "137112412989";
    static final String CANONICAL = "099720109477";
    static final Pattern IMAGE_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");

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
                rootDevice, List.of(new Image.BlockDevice(rootDevice, "snap-0" + digits(region + "/" + name + "/root"),
                        rootSize, "gp3", 3000, 125, false, true)), platform, created, Image.AVAILABLE, true, null,
                Map.of());
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
}
