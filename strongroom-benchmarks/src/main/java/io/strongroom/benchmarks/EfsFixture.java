package io.strongroom.benchmarks;

import io.strongroom.efs.EfsProvider;
import io.strongroom.efs.EfsService;
import io.strongroom.efs.Inputs;
import io.strongroom.resource.ResourceProvider;
import io.strongroom.storage.Store;

import java.util.Map;
import java.util.SplittableRandom;

/** A file system of 64 KiB files of random bytes in 16 directories, 256 files per commit. */
final class EfsFixture implements ProviderFixture {
    private static final int FILE_BYTES = 64 * 1024;
    private static final int FILES_PER_COMMIT = 256;
    private EfsService efs;

    @Override
    public ResourceProvider provider(java.nio.file.Path dataDirectory) {
        efs = new EfsService(CLOCK, ProviderFixture.hexIds(17), dataDirectory.resolve("efs"));
        return new EfsProvider(efs);
    }

    @Override
    public String unit() {
        return "64 KiB files";
    }

    @Override
    public String fill(Store store, String name, long bytes) {
        var fs = store.write(tx -> efs.createFileSystem(tx, ACCOUNT, REGION, new Inputs.CreateFileSystem(name, null,
                null, null, null, null, Map.of())));
        long files = bytes / FILE_BYTES;
        SplittableRandom random = new SplittableRandom(3);
        ProviderFixture.inCommits(store, files, FILES_PER_COMMIT, (tx, i) -> efs.putFile(tx, fs.id(),
                "dir-" + (i % 16) + "/file-" + i, ProviderFixture.randomBytes(random, FILE_BYTES)));
        return fs.arn();
    }

    @Override
    public Map<String, String> restoreMetadata(String newName) {
        return Map.of("newFileSystem", "true", "CreationToken", newName);
    }
}
