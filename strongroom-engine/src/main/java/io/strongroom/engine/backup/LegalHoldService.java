package io.strongroom.engine.backup;

import io.strongroom.json.JsonCodec;
import io.strongroom.storage.Collection;
import io.strongroom.storage.Tx;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/**
 * Legal holds (spec 10.1): CreateLegalHold, GetLegalHold, ListLegalHolds, CancelLegalHold and
 * ListRecoveryPointsByLegalHold, kept in {@code backup.legal-holds} under {@code <account>/<region>/<id>}. A hold is
 * ACTIVE as soon as it is created and CANCELED as soon as it is cancelled (D43); while active it keeps the points it
 * selects from DeleteRecoveryPoint and from expiry ({@link RecoveryPointService.Holds}).
 */
public final class LegalHoldService {
    static final int MAX_ACTIVE_HOLDS = 50;

    private final Collection<LegalHold> holds = new Collection<>("backup.legal-holds",
            JsonCodec.of(LegalHold.class));
    private final JobRuntime rt;
    private final RecoveryPointService points;

    LegalHoldService(JobRuntime rt, RecoveryPointService points) {
        this.rt = rt;
        this.points = points;
    }

    /** What CreateLegalHold asks for. */
    public record NewHold(String title, String description, String idempotencyToken, LegalHold.Selection selection,
                          Map<String, String> tags) {
    }

    public LegalHold create(Tx tx, String account, String region, NewHold q) {
        if (q.title() == null || q.title().isEmpty()) {
            throw BackupErrors.missingParameter("Title");
        }
        if (q.description() == null || q.description().isEmpty()) {
            throw BackupErrors.missingParameter("Description");
        }
        BackupNames.tags(q.tags());
        List<LegalHold> existing = holds.list(tx, scope(account, region));
        if (q.idempotencyToken() != null && !q.idempotencyToken().isEmpty()) {
            var same = existing.stream().filter(h -> q.idempotencyToken().equals(h.idempotencyToken())).findFirst();
            if (same.isPresent()) {
                return same.get();
            }
        }
        Instant now = Instant.now(rt.clock);
        LegalHold.Selection selection = q.selection() == null ? new LegalHold.Selection(null, null, null, null)
                : q.selection();
        checkDates(selection, now);
        if (existing.stream().filter(h -> LegalHold.ACTIVE.equals(h.status())).count() >= MAX_ACTIVE_HOLDS) {
            throw BackupErrors.limitExceeded("Maximum number of legal holds (" + MAX_ACTIVE_HOLDS
                    + ") per account reached.");
        }
        String id = rt.ids.uuid(tx);
        LegalHold hold = new LegalHold(id, account, region, q.title(), q.description(), LegalHold.ACTIVE, now,
                selection, q.idempotencyToken(), q.tags(), null, null, null);
        holds.put(tx, key(hold), hold);
        return hold;
    }

    /** DateRange: both ends inclusive, the start not after the end, and neither in the future. */
    private static void checkDates(LegalHold.Selection s, Instant now) {
        if (s.fromDate() == null && s.toDate() == null) {
            return;
        }
        if (s.fromDate() == null || s.toDate() == null) {
            throw BackupErrors.missingParameter(s.fromDate() == null ? "FromDate" : "ToDate");
        }
        if (s.fromDate().isAfter(now) || s.toDate().isAfter(now)) {
            throw BackupErrors.invalidParameter("The date range of a legal hold cannot contain future dates.");
        }
        if (s.fromDate().isAfter(s.toDate())) {
            throw BackupErrors.invalidParameter("FromDate must be before ToDate.");
        }
    }

    public LegalHold get(Tx tx, String account, String region, String id) {
        if (id == null || id.isEmpty()) {
            throw BackupErrors.missingParameter("LegalHoldId");
        }
        return holds.get(tx, scope(account, region) + id).filter(h -> visible(h, Instant.now(rt.clock)))
                .orElseThrow(() -> BackupErrors.notFound("Legal hold " + id + " was not found."));
    }

    public Page<LegalHold> list(Tx tx, String account, String region, Integer maxResults, String token) {
        Instant now = Instant.now(rt.clock);
        return Page.of(holds.list(tx, scope(account, region)).stream().filter(h -> visible(h, now)).toList(),
                h -> h.creationDate() + "/" + h.id(), maxResults, token);
    }

    /** CancelLegalHold: the hold ends at once and the points only it kept past their DeleteAt expire now. */
    public void cancel(Tx tx, String account, String region, String id, String description, Long retainRecordInDays) {
        LegalHold hold = get(tx, account, region, id);
        if (description == null || description.isEmpty()) {
            throw BackupErrors.missingParameter("CancelDescription");
        }
        if (retainRecordInDays != null && retainRecordInDays < 0) {
            throw BackupErrors.invalidParameter("RetainRecordInDays must not be negative.");
        }
        if (!LegalHold.ACTIVE.equals(hold.status())) {
            throw BackupErrors.invalidResourceState("Legal hold " + id + " is " + hold.status()
                    + "; only an ACTIVE legal hold can be cancelled.");
        }
        Instant now = Instant.now(rt.clock);
        List<RecoveryPoint> kept = selected(tx, hold);
        holds.put(tx, key(hold), hold.canceled(description, now,
                retainRecordInDays == null ? null : now.plus(Duration.ofDays(retainRecordInDays))));
        kept.forEach(p -> points.expireIfDue(tx, p));
    }

    public Page<RecoveryPoint> recoveryPoints(Tx tx, String account, String region, String id, Integer maxResults,
                                              String token) {
        LegalHold hold = get(tx, account, region, id);
        return Page.of(selected(tx, hold), RecoveryPoint::arn, maxResults, token);
    }

    private List<RecoveryPoint> selected(Tx tx, LegalHold hold) {
        return rt.jobs.points(tx, hold.accountId(), hold.region()).stream().filter(hold::selects).toList();
    }

    /** Whether any active hold of the point's account and Region selects it. */
    boolean held(Tx tx, RecoveryPoint point) {
        return holds.list(tx, scope(point.accountId(), point.region())).stream()
                .anyMatch(h -> LegalHold.ACTIVE.equals(h.status()) && h.selects(point));
    }

    /** The hold a legal-hold ARN names, for TagResource, UntagResource and ListTags (D126). */
    public Optional<BackupTags.Tagged> tagged(Tx tx, String account, String arn) {
        return BackupTags.parts(arn, "legal-hold").map(p -> {
            LegalHold hold = holds.get(tx, scope(account, p[0]) + p[2])
                    .filter(h -> h.arn().equals(arn) && visible(h, Instant.now(rt.clock)))
                    .orElseThrow(() -> BackupErrors.resourceNotFound(arn));
            return new BackupTags.Tagged(hold.tags(),
                    (t, tags) -> holds.put(t, scope(account, hold.region()) + hold.id(), hold.withTags(tags)));
        });
    }

    private static boolean visible(LegalHold h, Instant now) {
        return h.retainRecordUntil() == null || now.isBefore(h.retainRecordUntil());
    }

    private static String scope(String account, String region) {
        return account + "/" + region + "/";
    }

    private static String key(LegalHold h) {
        return scope(h.accountId(), h.region()) + h.id();
    }
}
