package io.strongroom.engine.backup;

import io.strongroom.storage.Store;
import io.strongroom.storage.jdbc.StoreFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JobWindowsTest {
    private static final Instant DAY = Instant.parse("2027-02-02T00:00:00Z");

    @TempDir
    Path dir;
    Store store;

    @BeforeEach
    void open() {
        store = StoreFactory.open(dir.resolve("s.db").toString());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aWindowHoldsTheJobsFinishedInItAndEveryActiveOne() {
        store.write(tx -> {
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "before", DAY.minusMillis(1));
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "at-start", DAY);
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "last-ms", DAY.plus(Duration.ofDays(1))
                    .minusMillis(1));
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "at-end", DAY.plus(Duration.ofDays(1)));
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "running", null);
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-central-1", "other-region", DAY.plusSeconds(5));
            JobWindows.record(tx, JobWindows.COPY, "111", "eu-west-1", "a-copy", DAY.plusSeconds(5));
            JobWindows.record(tx, JobWindows.BACKUP, "222", "eu-west-1", "other-account", DAY.plusSeconds(5));
            return null;
        });
        assertThat(ids(JobWindows.BACKUP, "111", "eu-west-1"))
                .containsExactly("at-start", "last-ms", "running");
        assertThat(ids(JobWindows.COPY, "111", "eu-west-1")).containsExactly("a-copy");
        assertThat(ids(JobWindows.RESTORE, "111", "eu-west-1")).isEmpty();
    }

    @Test
    void aJobThatFinishesLeavesTheActiveOnesAndLandsInItsDay() {
        store.write(tx -> {
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "job", null);
            return null;
        });
        assertThat(ids(JobWindows.BACKUP, "111", "eu-west-1")).containsExactly("job");
        store.write(tx -> {
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "job", DAY.plus(Duration.ofDays(3)));
            return null;
        });
        assertThat(ids(JobWindows.BACKUP, "111", "eu-west-1")).as("finished after the window").isEmpty();
    }

    @Test
    void manyJobsAreReadPageByPage() {
        store.write(tx -> {
            for (int i = 0; i < 1_203; i++) {
                JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", String.format("job-%05d", i),
                        DAY.plusSeconds(i));
            }
            return null;
        });
        assertThat(ids(JobWindows.BACKUP, "111", "eu-west-1")).hasSize(1_203).startsWith("job-00000")
                .endsWith("job-01202");
    }

    @Test
    void regionsAreThoseWhereTheAccountsRanBackupJobs() {
        store.write(tx -> {
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "a", null);
            JobWindows.record(tx, JobWindows.BACKUP, "111", "eu-west-1", "b", DAY);
            JobWindows.record(tx, JobWindows.BACKUP, "222", "eu-central-1", "c", DAY);
            JobWindows.record(tx, JobWindows.COPY, "333", "us-east-1", "d", DAY);
            return null;
        });
        assertThat(regions("111", "222", "333"))
                .containsExactly("eu-central-1", "eu-west-1");
        assertThat(regions("111"))
                .containsExactly("eu-west-1");
    }

    private List<String> regions(String... accounts) {
        return store.read(tx -> JobWindows.regionsWithBackupJobs(tx, List.of(accounts)));
    }

    private List<String> ids(String kind, String account, String region) {
        return store.read(tx -> JobWindows.jobIds(tx, kind, account, region, DAY, DAY.plus(Duration.ofDays(1))));
    }
}
