package io.strongroom.engine.backup.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cron engine the plans' rules and the scheduler use: next fire times per spec 3.3, in a time zone. */
class CronScheduleTest {

    @ParameterizedTest(name = "{0} in {1} after {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "cron(0 5 ? * * *)      | Etc/UTC          | 2027-02-01T00:00:00Z | 2027-02-01T05:00:00Z",
            "cron(0 5 ? * * *)      | Etc/UTC          | 2027-02-01T05:00:00Z | 2027-02-02T05:00:00Z",
            "cron(15 * ? * * *)     | Etc/UTC          | 2027-02-01T10:15:00Z | 2027-02-01T11:15:00Z",
            "cron(0 12 * * ? *)     | Etc/UTC          | 2027-02-01T12:30:00Z | 2027-02-02T12:00:00Z",
            "cron(0 5 ? * MON-FRI *) | Etc/UTC         | 2027-02-05T06:00:00Z | 2027-02-08T05:00:00Z",
            "cron(0 5 ? * 2-6 *)    | Etc/UTC          | 2027-02-05T06:00:00Z | 2027-02-08T05:00:00Z",
            "cron(0 5 ? * SAT,SUN *) | Etc/UTC         | 2027-02-01T00:00:00Z | 2027-02-06T05:00:00Z",
            "cron(0 3 L * ? *)      | Etc/UTC          | 2027-02-01T00:00:00Z | 2027-02-28T03:00:00Z",
            "cron(0 5 ? * 2#1 *)    | Etc/UTC          | 2027-02-02T00:00:00Z | 2027-03-01T05:00:00Z",
            "cron(0 5 ? * 6L *)     | Etc/UTC          | 2027-02-01T00:00:00Z | 2027-02-26T05:00:00Z",
            "cron(0 5 15W * ? *)    | Etc/UTC          | 2027-08-01T00:00:00Z | 2027-08-16T05:00:00Z",
            "cron(0 5 1W * ? *)     | Etc/UTC          | 2027-04-30T00:00:00Z | 2027-05-03T05:00:00Z",
            "cron(0 5 LW * ? *)     | Etc/UTC          | 2027-07-01T00:00:00Z | 2027-07-30T05:00:00Z",
            "cron(0 5 1 JAN ? 2030) | Etc/UTC          | 2027-02-01T00:00:00Z | 2030-01-01T05:00:00Z",
            "cron(0 0/6 ? * * *)    | Etc/UTC          | 2027-02-01T06:00:00Z | 2027-02-01T12:00:00Z",
            "cron(0 2 ? * * *)      | Europe/Berlin    | 2027-02-01T00:00:00Z | 2027-02-01T01:00:00Z",
            "cron(0 2 ? * * *)      | Europe/Berlin    | 2027-07-01T00:00:00Z | 2027-07-02T00:00:00Z",
            "cron(0 2 ? * * *)      | Europe/Berlin    | 2027-06-30T23:59:00Z | 2027-07-01T00:00:00Z",
            // 02:30 does not exist in New York on 2027-03-14 (clocks jump 02:00 -> 03:00): it fires at 03:30 EDT.
            "cron(30 2 ? * * *)     | America/New_York | 2027-03-13T08:00:00Z | 2027-03-14T07:30:00Z",
            "cron(30 2 ? * * *)     | America/New_York | 2027-03-14T07:30:00Z | 2027-03-15T06:30:00Z",
            // 01:30 happens twice in New York on 2027-11-07: it fires once, at the first.
            "cron(30 1 ? * * *)     | America/New_York | 2027-11-07T00:00:00Z | 2027-11-07T05:30:00Z",
            "cron(30 1 ? * * *)     | America/New_York | 2027-11-07T05:30:00Z | 2027-11-08T06:30:00Z"})
    void nextFireTime(String expression, String zone, String after, String expected) {
        assertThat(CronSchedule.parse(expression).next(Instant.parse(after), ZoneId.of(zone)))
                .contains(Instant.parse(expected));
    }

    @Test
    void aScheduleInThePastNeverFiresAgain() {
        assertThat(CronSchedule.parse("cron(0 5 1 1 ? 1999)").next(Instant.parse("2027-02-01T00:00:00Z"),
                ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void severalRunsInOrder() {
        assertThat(CronSchedule.parse("cron(0 5 ? * MON *)").next(Instant.parse("2027-02-01T05:00:00Z"),
                ZoneId.of("UTC"), 3)).containsExactly(Instant.parse("2027-02-08T05:00:00Z"),
                Instant.parse("2027-02-15T05:00:00Z"), Instant.parse("2027-02-22T05:00:00Z"));
    }

    @Test
    void subHourlySchedulesAreRecognised() {
        assertThat(CronSchedule.parse("cron(0/15 * ? * * *)").firesMoreThanHourly()).isTrue();
        assertThat(CronSchedule.parse("cron(0,30 5 ? * * *)").firesMoreThanHourly()).isTrue();
        assertThat(CronSchedule.parse("cron(15 * ? * * *)").firesMoreThanHourly()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 day)", "cron(0 5 * * *)", "cron(0 5 * * * *)", "cron(0 5 ? * ? *)",
            "cron(60 5 ? * * *)", "cron(0 24 ? * * *)", "cron(0 5 ? 13 * *)", "cron(0 5 ? * 8 *)",
            "cron(0 5 32 * ? *)", "cron(0 5 ? * * 2200)", "cron(? 5 * * ? *)", "cron(0 5 ? * FUNDAY *)",
            "cron(0 5 ? * 2#6 *)", "0 5 ? * * *", "cron(0 5 10-2 * ? *)", "cron(0 5 ,1 * ? *)"})
    void invalidExpressions(String expression) {
        assertThatThrownBy(() -> CronSchedule.parse(expression)).isInstanceOf(CronSchedule.InvalidCron.class);
    }

    @Test
    void rateExpressionsAreRefusedWithAReason() {
        assertThatThrownBy(() -> CronSchedule.parse("rate(12 hours)")).hasMessageContaining("Rate expressions");
        assertThat(List.of(CronSchedule.parse("cron(0 5 ? * * *)").expression())).containsExactly("cron(0 5 ? * * *)");
    }
}
