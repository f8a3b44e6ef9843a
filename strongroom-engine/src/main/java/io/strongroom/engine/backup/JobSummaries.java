package io.strongroom.engine.backup;

import io.strongroom.storage.Tx;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * ListBackupJobSummaries, ListCopyJobSummaries and ListRestoreJobSummaries (D107): jobs created in the period's UTC
 * days up to the clock's now, counted per Region, account, state, resource type and message category; a dimension
 * asked for as {@code AGGREGATE_ALL} is summed into one count under that name, one asked for as {@code ANY} (or not
 * at all) is counted value by value, any other value keeps only the jobs that have it. Only non-zero counts are
 * reported, oldest period first.
 */
public final class JobSummaries {
    public static final String ANY = "ANY";
    public static final String AGGREGATE_ALL = "AGGREGATE_ALL";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private JobSummaries() {
    }

    /** ONE_DAY: a count per day of the last 14; SEVEN_DAYS and FOURTEEN_DAYS: one count over the last 7 or 14 days. */
    public enum Period {
        ONE_DAY(1, 14), SEVEN_DAYS(7, 1), FOURTEEN_DAYS(14, 1);

        final int daysPerCount;
        final int counts;

        Period(int daysPerCount, int counts) {
            this.daysPerCount = daysPerCount;
            this.counts = counts;
        }

        /** The first instant the period covers: the start of the oldest of its UTC days. */
        Instant start(Instant now) {
            return now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays((long) daysPerCount * counts - 1));
        }

        public static Period of(String name) {
            if (name == null) {
                return ONE_DAY;
            }
            for (Period p : values()) {
                if (p.name().equals(name)) {
                    return p;
                }
            }
            throw BackupErrors.invalidParameter("Invalid AggregationPeriod: " + name);
        }
    }

    /**
     * What to count: {@code accountId} as the caller gave it (null, an account id, ANY or AGGREGATE_ALL); the
     * other dimensions a value to keep, ANY, AGGREGATE_ALL or null (ANY). {@code messageCategory} is null for
     * restore jobs, which have none.
     */
    public record Query(String accountId, String state, String resourceType, String messageCategory, Period period) {
        /**
         * The ByAccountId a listing of the jobs to count takes: {@code *} for every account the caller sees; the
         * caller's own when it names an account the caller does not monitor (a member asking gets its own jobs).
         */
        String reach(Tx tx, Membership membership, String caller) {
            if (accountId == null) {
                return null;
            }
            if (ANY.equals(accountId) || AGGREGATE_ALL.equals(accountId)) {
                return "*";
            }
            if (!ACCOUNT_ID.matcher(accountId).matches()) {
                throw BackupErrors.invalidParameter("Invalid AccountId: " + accountId);
            }
            return membership.sees(tx, caller, accountId) ? accountId : caller;
        }

        void checkState(Set<String> states) {
            if (state != null && !ANY.equals(state) && !AGGREGATE_ALL.equals(state) && !states.contains(state)) {
                throw BackupErrors.invalidParameter("Invalid State: " + state);
            }
        }
    }

    /** One job as the summaries see it. */
    public record Job(String accountId, String region, String state, String resourceType, String messageCategory,
                      Instant creationDate) {
    }

    public record Summary(String region, String accountId, String state, String resourceType,
                          String messageCategory, long count, Instant startTime, Instant endTime) {
        String key() {
            return startTime + "|" + region + "|" + accountId + "|" + state + "|" + resourceType + "|"
                    + (messageCategory == null ? "" : messageCategory);
        }
    }

    /** The jobs' counts for a query at {@code now}; {@code jobs} may hold jobs outside the period. */
    static List<Summary> count(Iterable<Job> jobs, Query q, Instant now) {
        Instant start = q.period().start(now);
        Duration width = Duration.ofDays(q.period().daysPerCount);
        Map<String, Summary> counts = new TreeMap<>();
        for (Job j : jobs) {
            if (j.creationDate().isBefore(start) || j.creationDate().isAfter(now)
                    || !keeps(q.state(), j.state()) || !keeps(q.resourceType(), j.resourceType())
                    || q.messageCategory() != null && !keeps(q.messageCategory(), j.messageCategory())
                    && !q.messageCategory().equalsIgnoreCase(j.messageCategory())) {
                continue;
            }
            long index = Duration.between(start, j.creationDate()).toMillis() / width.toMillis();
            Instant from = start.plus(width.multipliedBy(index));
            Instant to = from.plus(width).isAfter(now) ? now : from.plus(width);
            Summary s = new Summary(j.region(), dimension(q.accountId(), j.accountId()),
                    dimension(q.state(), j.state()), dimension(q.resourceType(), j.resourceType()),
                    q.messageCategory() == null && j.messageCategory() == null ? null
                            : dimension(q.messageCategory(), j.messageCategory()), 1, from, to);
            counts.merge(s.key(), s, (a, b) -> new Summary(a.region(), a.accountId(), a.state(), a.resourceType(),
                    a.messageCategory(), a.count() + 1, a.startTime(), a.endTime()));
        }
        return new ArrayList<>(counts.values());
    }

    /** Counts the jobs a lister hands out page by page (its argument the NextToken, null for the first page). */
    static <J> List<Summary> count(Function<String, Page<J>> pages, Function<J, Job> view, Query q, Instant now) {
        List<Job> jobs = new ArrayList<>();
        String token = null;
        do {
            Page<J> page = pages.apply(token);
            page.items().forEach(j -> jobs.add(view.apply(j)));
            token = page.nextToken();
        } while (token != null);
        return count(jobs, q, now);
    }

    static Page<Summary> page(List<Summary> all, Integer maxResults, String token) {
        if (maxResults != null && (maxResults < 1 || maxResults > 500)) {
            throw BackupErrors.invalidParameter("MaxResults must be between 1 and 500.");
        }
        return Page.of(all, Summary::key, maxResults == null ? 500 : maxResults, token);
    }

    private static boolean keeps(String asked, String value) {
        return asked == null || ANY.equals(asked) || AGGREGATE_ALL.equals(asked) || asked.equals(value);
    }

    private static String dimension(String asked, String value) {
        return AGGREGATE_ALL.equals(asked) ? AGGREGATE_ALL : value;
    }
}
