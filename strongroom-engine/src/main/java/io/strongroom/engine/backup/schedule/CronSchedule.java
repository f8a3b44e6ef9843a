package io.strongroom.engine.backup.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A backup rule's schedule: the EventBridge six-field cron form AWS Backup accepts (spec 3.3),
 * {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, with {@code , - * /} everywhere, {@code ?} in
 * exactly one of the two day fields, {@code L} and {@code W} in day-of-month ({@code L}, {@code LW}, {@code 15W}),
 * {@code L} and {@code #} in day-of-week ({@code 6L}, {@code 2#1}); days of the week 1–7 are SUN–SAT, months may be
 * named JAN–DEC, years run 1970–2199. {@link #next} gives the first fire time after an instant in a time zone (DST
 * handled by the zone: a local time in a gap fires at the first instant after it, one in an overlap once, at its
 * first occurrence). Pure: the scheduler and {@code ScheduledRunsPreview} both use it.
 */
public final class CronSchedule {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DayRule days;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet months, BitSet years, DayRule days) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    /** Thrown for an expression AWS Backup refuses; the message says why. */
    public static final class InvalidCron extends IllegalArgumentException {
        public InvalidCron(String message) {
            super(message);
        }
    }

    public static CronSchedule parse(String expression) {
        if (expression == null) {
            throw new InvalidCron("The schedule expression is missing.");
        }
        String e = expression.trim();
        if (e.startsWith("rate(")) {
            throw new InvalidCron("Rate expressions are not supported; use a cron expression.");
        }
        if (!e.startsWith("cron(") || !e.endsWith(")")) {
            throw new InvalidCron("The schedule expression must be a cron expression: cron(Minutes Hours "
                    + "Day-of-month Month Day-of-week Year).");
        }
        String[] fields = e.substring(5, e.length() - 1).trim().split("\\s+");
        if (fields.length != 6) {
            throw new InvalidCron("A cron expression has 6 fields (Minutes Hours Day-of-month Month Day-of-week "
                    + "Year), not " + fields.length + ".");
        }
        boolean domAny = fields[2].equals("?");
        boolean dowAny = fields[4].equals("?");
        if (domAny == dowAny) {
            throw new InvalidCron("Exactly one of Day-of-month and Day-of-week must be '?'.");
        }
        for (int i : new int[]{0, 1, 3, 5}) {
            if (fields[i].contains("?")) {
                throw new InvalidCron("'?' is allowed only in Day-of-month and Day-of-week.");
            }
        }
        BitSet minutes = field(fields[0], 0, 59, null, "Minutes");
        BitSet hours = field(fields[1], 0, 23, null, "Hours");
        BitSet months = field(fields[3], 1, 12, MONTHS, "Month");
        BitSet years = field(fields[5], MIN_YEAR, MAX_YEAR, null, "Year");
        DayRule days = domAny ? DayRule.ofWeek(fields[4]) : DayRule.ofMonth(fields[2]);
        return new CronSchedule(e, minutes, hours, months, years, days);
    }

    public String expression() {
        return expression;
    }

    /** Whether the schedule fires more than once in some hour (AWS Backup snapshots are at most hourly). */
    public boolean firesMoreThanHourly() {
        return minutes.cardinality() > 1;
    }

    /** The first fire time strictly after {@code after}, in {@code zone}; empty when none is left before 2200. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDate date = after.atZone(zone).toLocalDate();
        while (date.getYear() <= MAX_YEAR) {
            if (!years.get(date.getYear())) {
                int nextYear = years.nextSetBit(date.getYear() + 1);
                if (nextYear < 0) {
                    return Optional.empty();
                }
                date = LocalDate.of(nextYear, 1, 1);
                continue;
            }
            if (!months.get(date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (days.matches(date)) {
                Optional<Instant> at = firstOn(date, after, zone);
                if (at.isPresent()) {
                    return at;
                }
            }
            date = date.plusDays(1);
        }
        return Optional.empty();
    }

    /** The next {@code count} fire times after {@code after}. */
    public List<Instant> next(Instant after, ZoneId zone, int count) {
        List<Instant> out = new ArrayList<>();
        Instant from = after;
        for (int i = 0; i < count; i++) {
            Optional<Instant> at = next(from, zone);
            if (at.isEmpty()) {
                break;
            }
            out.add(at.get());
            from = at.get();
        }
        return out;
    }

    private Optional<Instant> firstOn(LocalDate date, Instant after, ZoneId zone) {
        for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
            for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                ZonedDateTime at = ZonedDateTime.of(LocalDateTime.of(date, java.time.LocalTime.of(h, m)), zone);
                if (!at.toLocalDate().equals(date)) {
                    continue;
                }
                if (at.toInstant().isAfter(after)) {
                    return Optional.of(at.toInstant());
                }
            }
        }
        return Optional.empty();
    }

    /** A comma list of {@code *}, {@code n}, {@code a-b}, each optionally {@code /step}, as a set of values. */
    static BitSet field(String text, int min, int max, String[] names, String fieldName) {
        BitSet set = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            if (part.isEmpty()) {
                throw new InvalidCron("Empty value in the " + fieldName + " field.");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max - min + 1, null, fieldName);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    from = number(range.substring(0, dash), min, max, names, fieldName);
                    to = number(range.substring(dash + 1), min, max, names, fieldName);
                    if (from > to) {
                        throw new InvalidCron("Invalid range " + range + " in the " + fieldName + " field.");
                    }
                } else {
                    from = number(range, min, max, names, fieldName);
                    to = slash >= 0 ? max : from;
                }
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    static int number(String text, int min, int max, String[] names, String fieldName) {
        if (names != null) {
            String upper = text.toUpperCase(Locale.ROOT);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(upper)) {
                    return i + 1;
                }
            }
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidCron("Invalid value " + text + " in the " + fieldName + " field.");
        }
        if (value < min || value > max) {
            throw new InvalidCron("Value " + value + " out of range " + min + "-" + max + " in the " + fieldName
                    + " field.");
        }
        return value;
    }

    /** Which days fire: by day of the month (with L and W) or by day of the week (with L and #). */
    private record DayRule(BitSet values, boolean lastDay, boolean lastWeekday, BitSet nearestWeekday,
                           boolean byWeek, BitSet lastOfWeekday, List<int[]> nth) {

        static DayRule ofMonth(String text) {
            BitSet values = new BitSet(32);
            BitSet nearest = new BitSet(32);
            boolean last = false;
            boolean lastWeekday = false;
            for (String part : text.split(",", -1)) {
                String p = part.toUpperCase(Locale.ROOT);
                if (p.equals("L")) {
                    last = true;
                } else if (p.equals("LW")) {
                    lastWeekday = true;
                } else if (p.endsWith("W")) {
                    nearest.set(number(p.substring(0, p.length() - 1), 1, 31, null, "Day-of-month"));
                } else {
                    values.or(field(p, 1, 31, null, "Day-of-month"));
                }
            }
            return new DayRule(values, last, lastWeekday, nearest, false, new BitSet(), List.of());
        }

        static DayRule ofWeek(String text) {
            BitSet values = new BitSet(8);
            BitSet lastOf = new BitSet(8);
            List<int[]> nth = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                String p = part.toUpperCase(Locale.ROOT);
                int hash = p.indexOf('#');
                if (hash > 0) {
                    nth.add(new int[]{number(p.substring(0, hash), 1, 7, DAYS, "Day-of-week"),
                            number(p.substring(hash + 1), 1, 5, null, "Day-of-week")});
                } else if (p.equals("L")) {
                    lastOf.set(7);
                } else if (p.length() > 1 && p.endsWith("L")) {
                    lastOf.set(number(p.substring(0, p.length() - 1), 1, 7, DAYS, "Day-of-week"));
                } else {
                    values.or(field(p, 1, 7, DAYS, "Day-of-week"));
                }
            }
            return new DayRule(values, false, false, new BitSet(), true, lastOf, List.copyOf(nth));
        }

        boolean matches(LocalDate date) {
            return byWeek ? matchesWeek(date) : matchesMonth(date);
        }

        private boolean matchesMonth(LocalDate date) {
            int day = date.getDayOfMonth();
            if (values.get(day) || (lastDay && day == date.lengthOfMonth())) {
                return true;
            }
            if (lastWeekday && date.equals(weekdayNear(date.with(TemporalAdjusters.lastDayOfMonth())))) {
                return true;
            }
            for (int n = nearestWeekday.nextSetBit(1); n >= 0; n = nearestWeekday.nextSetBit(n + 1)) {
                if (n <= date.lengthOfMonth() && date.equals(weekdayNear(date.withDayOfMonth(n)))) {
                    return true;
                }
            }
            return false;
        }

        /** The weekday nearest to {@code day} without leaving its month (Quartz's and EventBridge's W). */
        private static LocalDate weekdayNear(LocalDate day) {
            DayOfWeek dow = day.getDayOfWeek();
            if (dow == DayOfWeek.SATURDAY) {
                return day.getDayOfMonth() == 1 ? day.plusDays(2) : day.minusDays(1);
            }
            if (dow == DayOfWeek.SUNDAY) {
                return day.getDayOfMonth() == day.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
            }
            return day;
        }

        private boolean matchesWeek(LocalDate date) {
            int dow = date.getDayOfWeek().getValue() % 7 + 1; // 1 = SUN ... 7 = SAT
            if (values.get(dow)) {
                return true;
            }
            if (lastOfWeekday.get(dow) && date.plusWeeks(1).getMonthValue() != date.getMonthValue()) {
                return true;
            }
            int week = (date.getDayOfMonth() - 1) / 7 + 1;
            return nth.stream().anyMatch(n -> n[0] == dow && n[1] == week);
        }
    }
}
