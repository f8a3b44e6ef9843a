package io.strongroom.engine.backup;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSummariesTest {
    static final Instant NOW = Instant.parse("2027-03-15T10:30:00Z");

    static JobSummaries.Job job(String account, String state, String type, String category, String created) {
        return new JobSummaries.Job(account, "eu-west-1", state, type, category, Instant.parse(created));
    }

    static final List<JobSummaries.Job> JOBS = List.of(
            job("111111111111", "COMPLETED", "DynamoDB", "SUCCESS", "2027-03-15T05:00:00Z"),
            job("111111111111", "COMPLETED", "DynamoDB", "SUCCESS", "2027-03-14T05:00:00Z"),
            job("111111111111", "FAILED", "DynamoDB", "FAILED", "2027-03-14T05:00:00Z"),
            job("222222222222", "COMPLETED", "EBS", "SUCCESS", "2027-03-14T23:59:59Z"),
            job("222222222222", "COMPLETED", "EBS", "SUCCESS", "2027-03-01T23:59:59Z"), // before the 14 days
            job("222222222222", "COMPLETED", "EBS", "SUCCESS", "2027-03-02T00:00:00Z")); // the first of them

    static JobSummaries.Query query(String account, String state, String type, String category, String period) {
        return new JobSummaries.Query(account, state, type, category, JobSummaries.Period.of(period));
    }

    @Test
    void oneDayCountsEachUtcDayOfTheLastFourteenValueByValue() {
        List<JobSummaries.Summary> s = JobSummaries.count(JOBS, query(null, null, null, "ANY", null), NOW);

        assertThat(s).extracting(x -> x.startTime() + " " + x.accountId() + " " + x.state() + " " + x.resourceType()
                + " " + x.messageCategory() + " " + x.count() + " " + x.endTime()).containsExactly(
                "2027-03-02T00:00:00Z 222222222222 COMPLETED EBS SUCCESS 1 2027-03-03T00:00:00Z",
                "2027-03-14T00:00:00Z 111111111111 COMPLETED DynamoDB SUCCESS 1 2027-03-15T00:00:00Z",
                "2027-03-14T00:00:00Z 111111111111 FAILED DynamoDB FAILED 1 2027-03-15T00:00:00Z",
                "2027-03-14T00:00:00Z 222222222222 COMPLETED EBS SUCCESS 1 2027-03-15T00:00:00Z",
                "2027-03-15T00:00:00Z 111111111111 COMPLETED DynamoDB SUCCESS 1 2027-03-15T10:30:00Z");
    }

    @Test
    void aggregateAllSumsADimensionAndAValueKeepsOnlyItsJobs() {
        List<JobSummaries.Summary> all = JobSummaries.count(JOBS, query("AGGREGATE_ALL", "AGGREGATE_ALL",
                "AGGREGATE_ALL", "AGGREGATE_ALL", "FOURTEEN_DAYS"), NOW);
        assertThat(all).singleElement().satisfies(x -> {
            assertThat(x.count()).isEqualTo(5);
            assertThat(x.accountId()).isEqualTo("AGGREGATE_ALL");
            assertThat(x.state()).isEqualTo("AGGREGATE_ALL");
            assertThat(x.startTime()).isEqualTo(Instant.parse("2027-03-02T00:00:00Z"));
            assertThat(x.endTime()).isEqualTo(NOW);
        });

        List<JobSummaries.Summary> sevenDays = JobSummaries.count(JOBS, query(null, "COMPLETED", "AGGREGATE_ALL",
                "success", "SEVEN_DAYS"), NOW);
        assertThat(sevenDays).extracting(x -> x.accountId() + " " + x.count()).containsExactly(
                "111111111111 2", "222222222222 1");
        assertThat(sevenDays.get(0).startTime()).isEqualTo(Instant.parse("2027-03-09T00:00:00Z"));
    }

    @Test
    void restoreJobsHaveNoMessageCategory() {
        List<JobSummaries.Summary> s = JobSummaries.count(List.of(job("111111111111", "COMPLETED", "EBS", null,
                "2027-03-15T01:00:00Z")), query(null, null, null, null, "ONE_DAY"), NOW);
        assertThat(s).singleElement().satisfies(x -> assertThat(x.messageCategory()).isNull());
    }

    @Test
    void anUnknownPeriodOrStateIsAnInvalidParameter() {
        assertThatThrownBy(() -> JobSummaries.Period.of("ONE_WEEK")).hasMessageContaining("AggregationPeriod");
        assertThatThrownBy(() -> query(null, "DONE", null, null, null).checkState(java.util.Set.of("COMPLETED")))
                .hasMessageContaining("State");
    }
}
