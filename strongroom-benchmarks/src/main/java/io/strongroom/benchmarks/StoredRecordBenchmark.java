package io.strongroom.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.strongroom.engine.backup.BackupJob;
import io.strongroom.engine.backup.Lifecycle;
import io.strongroom.json.JsonCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writing and reading one stored backup job as the clock does several times a job (D111): the store's codec, and the
 * mapper it had before (jsr310's instant formatter, property access by reflection) for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoredRecordBenchmark {
    /** The envelope JsonCodec writes. */
    record Envelope(int v, Object d) {
    }

    private final JsonCodec<BackupJob> codec = JsonCodec.of(BackupJob.class);
    private final ObjectMapper before = new ObjectMapper(JsonCodec.storageFactory())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private BackupJob job;
    private byte[] stored;

    @Setup
    public void job() {
        String account = "296793073518";
        String plan = "arn:aws:backup:eu-west-1:" + account + ":backup-plan:orgs/649d2631-148b-3107-af72-02854ed61758";
        Instant at = Instant.parse("2027-02-01T02:00:00Z");
        job = new BackupJob("01A36E9E-D500-708E-AB30-68F3D0E8C0A4", account, "eu-west-1", "local-prod-vault",
                "arn:aws:dynamodb:eu-west-1:" + account + ":table/table-10", "DynamoDB", "table-10",
                "arn:aws:iam::" + account + ":role/AWSBackupDefaultServiceRole", BackupJob.COMPLETED, null, at, at,
                at.plusSeconds(60), at.plusSeconds(3600), at.plusSeconds(60), new Lifecycle(null, 35L, null), Map.of(),
                Map.of(), "arn:aws:dynamodb:eu-west-1:" + account + ":table/table-10/backup/01801447200000-67a10c94",
                521, Map.of("BackupRuleName", "daily", "BackupRuleId", "4d571838-7a82-4a85-8319-e4c5ab1fde72",
                "BackupRuleTimezone", "Etc/UTC", "BackupPlanName", "daily-prod", "BackupPlanId",
                "orgs/649d2631-148b-3107-af72-02854ed61758", "BackupPlanArn", plan, "BackupPlanVersion",
                "ZmUwYTMzZWQtYjUyNy00M2M3LWJkM2EtMTQ2MDVjODJlOTVj", "BackupRuleCron", "cron(0 2 ? * * *)"), null, null);
        stored = codec.encode(job);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(job);
    }

    @Benchmark
    public byte[] encodeBefore() throws Exception {
        return before.writeValueAsBytes(new Envelope(1, job));
    }

    @Benchmark
    public BackupJob decode() {
        return codec.decode(stored);
    }
}
