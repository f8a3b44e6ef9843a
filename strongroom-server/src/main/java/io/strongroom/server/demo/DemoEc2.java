package io.strongroom.server.demo;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * EBS volumes and EC2 instances with a few bytes on their disks. An instance carries its tags on itself and on its
 * root volume (the tag specifications a launch template puts on both), so a tagged instance's root volume is
 * selected by the same plan and an untagged one shows up unprotected twice, as on AWS.
 */
final class DemoEc2 {
    private final DemoClients clients;

    DemoEc2(DemoClients clients) {
        this.clients = clients;
    }

    /** A 1 GiB data volume; tier null: untagged. */
    void volume(AwsCredentials root, String name, String tier) {
        try (Ec2Client ec2 = clients.client(Ec2Client.builder(), root)) {
            String volume = ec2.createVolume(r -> r.availabilityZone(DemoPolicies.REGION + "a").size(1)
                    .tagSpecifications(tags(ResourceType.VOLUME, name, tier))).volumeId();
            clients.writeVolume(volume, (name + " volume contents\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An instance of the catalogue's Amazon Linux image, its hostname and application in its root volume. */
    void instance(AwsCredentials root, String name, String instanceType, String tier) {
        try (Ec2Client ec2 = clients.client(Ec2Client.builder(), root)) {
            String image = ec2.describeImages(r -> r.owners("amazon").filters(
                            f -> f.name("name").values("al2023-ami-*"), f -> f.name("architecture").values("x86_64")))
                    .images().get(0).imageId();
            Instance launched = ec2.runInstances(r -> r.imageId(image).instanceType(instanceType).minCount(1)
                    .maxCount(1).tagSpecifications(tags(ResourceType.INSTANCE, name, tier),
                            tags(ResourceType.VOLUME, name + "-root", tier))).instances().get(0);
            String rootVolume = launched.blockDeviceMappings().get(0).ebs().volumeId();
            clients.writeVolume(rootVolume, ("hostname=" + name + "\napplication=" + name + " 1.4.2\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static TagSpecification tags(ResourceType type, String name, String tier) {
        List<Tag> tags = DemoResources.nameAndTier(name, tier).entrySet().stream()
                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
        return TagSpecification.builder().resourceType(type).tags(tags).build();
    }
}
