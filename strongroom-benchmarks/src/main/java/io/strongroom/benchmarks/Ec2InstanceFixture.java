package io.strongroom.benchmarks;

import io.strongroom.ec2.Ec2InstanceProvider;
import io.strongroom.ec2.Ec2Service;
import io.strongroom.ec2.ImageCatalogue;
import io.strongroom.ec2.Inputs;
import io.strongroom.ec2.Instance;
import io.strongroom.ec2.InstanceService;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** An instance whose data volume {@code /dev/sdf} holds the data as one random image; the root volume is empty. */
final class Ec2InstanceFixture implements ProviderFixture {
    private Ec2Service volumes;
    private InstanceService instances;

    @Override
    public ResourceProvider provider(java.nio.file.Path dataDirectory) {
        volumes = new Ec2Service(CLOCK, ProviderFixture.hexIds(17), dataDirectory.resolve("ebs"));
        instances = new InstanceService(volumes, CLOCK, ProviderFixture.hexIds(17));
        return new Ec2InstanceProvider(instances, volumes);
    }

    @Override
    public String unit() {
        return "one data volume image";
    }

    @Override
    public String fill(Store store, String name, long bytes) {
        int gib = ProviderFixture.gibFor(bytes);
        byte[] image = ProviderFixture.randomBytes(new SplittableRandom(5), Math.toIntExact(bytes));
        return store.write(tx -> {
            Instance i = instances.runInstances(tx, ACCOUNT, REGION, new Inputs.RunInstances(
                    ImageCatalogue.images(REGION).get(0).id(), "t3.micro", 1, 1, null,
                    List.of(new Inputs.BlockDevice("/dev/sdf", false, null,
                            new Inputs.Ebs(gib, "gp3", null, null, null, false, null))),
                    Map.of("Name", name), Map.of(), null, null, null, null, null)).instances().get(0);
            String data = i.devices().stream().filter(d -> d.deviceName().equals("/dev/sdf")).findFirst()
                    .orElseThrow().volumeId();
            volumes.putData(tx, data, image);
            return i.arn();
        });
    }

    @Override
    public Map<String, String> restoreMetadata(String newName) {
        return Map.of("Name", newName);
    }
}
