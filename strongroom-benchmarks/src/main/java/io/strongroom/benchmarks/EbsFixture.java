package io.strongroom.benchmarks;

import io.strongroom.ec2.Ec2Service;
import io.strongroom.ec2.EbsProvider;
import io.strongroom.ec2.Inputs;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;

import java.util.Map;
import java.util.SplittableRandom;

/** A volume whose bytes are one random image of the whole size (EBS keeps a volume's data as one value). */
final class EbsFixture implements ProviderFixture {
    private Ec2Service ec2;

    @Override
    public ResourceProvider provider(java.nio.file.Path dataDirectory) {
        ec2 = new Ec2Service(CLOCK, ProviderFixture.hexIds(17), dataDirectory.resolve("ebs"));
        return new EbsProvider(ec2);
    }

    @Override
    public String unit() {
        return "one volume image";
    }

    @Override
    public String fill(Store store, String name, long bytes) {
        int gib = ProviderFixture.gibFor(bytes);
        byte[] image = ProviderFixture.randomBytes(new SplittableRandom(4), Math.toIntExact(bytes));
        return store.write(tx -> {
            var v = ec2.createVolume(tx, ACCOUNT, REGION, new Inputs.CreateVolume(REGION + "a", gib, null, null, null,
                    null, null, Map.of("Name", name)));
            ec2.putData(tx, v.id(), image);
            return v.arn();
        });
    }

    @Override
    public Map<String, String> restoreMetadata(String newName) {
        return Map.of("Name", newName);
    }
}
