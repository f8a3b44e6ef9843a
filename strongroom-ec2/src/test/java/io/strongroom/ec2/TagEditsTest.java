package io.strongroom.ec2;

import io.strongroom.ec2.codec.Ec2Codecs;
import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An account's tag edits of images and snapshots whose tags AWS Backup gave (D118, D122), and their storage. */
class TagEditsTest {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "222222222222";
    static final Map<String, String> GIVEN = Map.of("Name", "web-1", "Backup", "daily",
            "aws:backup:source-resource", "i-0abc");

    @TempDir
    Path dir;

    @Test
    void editsAreTheDifferenceBetweenTheGivenAndTheWantedTags() {
        Map<String, String> wanted = Map.of("Name", "web-1", "Backup", "weekly", "Owner", "web",
                "aws:backup:source-resource", "i-0abc");
        TagEdits edits = TagEdits.between(ACCOUNT, REGION, "ami-0123456789abcdef0", GIVEN, wanted);
        assertThat(edits.set()).containsExactlyInAnyOrderEntriesOf(Map.of("Backup", "weekly", "Owner", "web"));
        assertThat(edits.removed()).isEmpty();
        assertThat(edits.applyTo(GIVEN)).isEqualTo(wanted);
        assertThat(edits.key()).isEqualTo("222222222222/eu-west-1/ami-0123456789abcdef0");
        assertThat(TagEdits.between(ACCOUNT, REGION, "ami-0123456789abcdef0", GIVEN, Map.of()).removed())
                .containsExactly("Backup", "Name", "aws:backup:source-resource");
        assertThat(TagEdits.between(ACCOUNT, REGION, "ami-0123456789abcdef0", GIVEN, GIVEN).isEmpty()).isTrue();
    }

    @Test
    void aTagTheGiverAddsLaterShowsUnlessTheAccountEditedItsKey() {
        TagEdits edits = TagEdits.between(ACCOUNT, REGION, "snap-0cccccccccccccccc", GIVEN,
                Map.of("Name", "web-1", "Backup", "weekly", "aws:backup:source-resource", "i-0abc"));
        Map<String, String> givenLater = new java.util.HashMap<>(GIVEN);
        givenLater.put("CostCentre", "42");
        givenLater.put("Backup", "monthly");
        assertThat(edits.applyTo(givenLater)).containsExactlyInAnyOrderEntriesOf(Map.of("Name", "web-1", "Backup",
                "weekly", "CostCentre", "42", "aws:backup:source-resource", "i-0abc"));
    }

    @Test
    void theCodecKeepsEveryFieldAndReadsRecordsWrittenBeforeSnapshotsHadEdits() {
        TagEdits edits = new TagEdits(ACCOUNT, REGION, "snap-0cccccccccccccccc", Map.of("Owner", "web"),
                List.of("Backup"));
        assertThat(Ec2Codecs.TAG_EDITS.decode(Ec2Codecs.TAG_EDITS.encode(edits))).isEqualTo(edits);
        byte[] legacy = ("{\"v\":1,\"d\":{\"accountId\":\"222222222222\",\"region\":\"eu-west-1\",\"imageId\":"
                + "\"ami-0123456789abcdef0\",\"set\":{\"Owner\":\"web\"},\"removed\":[\"Backup\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Ec2Codecs.TAG_EDITS.decode(legacy)).isEqualTo(new TagEdits(ACCOUNT, REGION,
                "ami-0123456789abcdef0", Map.of("Owner", "web"), List.of("Backup")));
    }

    @Test
    void eachKindKeepsItsEditsApartPerAccountAndEmptyEditsAreNotKept() {
        try (Store store = StoreFactory.open(dir.resolve("store.db").toString())) {
            TagEdits snapshot = new TagEdits(ACCOUNT, REGION, "snap-0cccccccccccccccc", Map.of("Owner", "web"),
                    List.of());
            store.write(tx -> {
                TagEditsRepository.SNAPSHOTS.save(tx, snapshot);
                TagEditsRepository.SNAPSHOTS.save(tx, new TagEdits("333333333333", REGION, snapshot.resourceId(),
                        Map.of("Owner", "data"), List.of()));
                return null;
            });
            store.read(tx -> {
                assertThat(TagEditsRepository.SNAPSHOTS.get(tx, ACCOUNT, REGION, snapshot.resourceId()))
                        .contains(snapshot);
                assertThat(TagEditsRepository.IMAGES.byResource(tx, ACCOUNT, REGION)).isEmpty();
                assertThat(TagEditsRepository.SNAPSHOTS.byResource(tx, ACCOUNT, REGION))
                        .containsExactly(Map.entry(snapshot.resourceId(), snapshot));
                return null;
            });
            store.write(tx -> {
                TagEditsRepository.SNAPSHOTS.save(tx, new TagEdits(ACCOUNT, REGION, snapshot.resourceId(), Map.of(),
                        List.of()));
                TagEditsRepository.SNAPSHOTS.delete(tx, "333333333333", REGION, snapshot.resourceId());
                return null;
            });
            store.read(tx -> {
                assertThat(TagEditsRepository.SNAPSHOTS.byResource(tx, ACCOUNT, REGION)).isEmpty();
                assertThat(TagEditsRepository.SNAPSHOTS.byResource(tx, "333333333333", REGION)).isEmpty();
                return null;
            });
        }
    }
}
