package io.strongroom.engine.cloudtrail;

import io.strongroom.engine.cloudtrail.codec.CloudTrailEventJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * CloudTrail's log files: where in the bucket an account's events of a Region go, and what a file holds (gzipped
 * JSON {@code {"Records":[...]}}, each record as LookupEvents' CloudTrailEvent shows it).
 */
final class TrailLogFiles {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    private TrailLogFiles() {
    }

    /** {@code [prefix/]AWSLogs/[o-id/]<account>/}: the folder of one account's files. */
    static String folder(Trail trail, String account) {
        return (trail.keyPrefix() == null ? "" : trail.keyPrefix() + "/") + "AWSLogs/"
                + (trail.organizationTrail() ? trail.organizationId() + "/" : "") + account + "/";
    }

    /** {@code <folder>CloudTrail/<region>/yyyy/MM/dd/<account>_CloudTrail_<region>_<yyyyMMddTHHmmZ>_<unique>.json.gz}. */
    static String key(Trail trail, String account, String region, Instant delivered, String unique) {
        return folder(trail, account) + "CloudTrail/" + region + "/" + DAY.format(delivered) + "/" + account
                + "_CloudTrail_" + region + "_" + STAMP.format(delivered) + "_" + unique + ".json.gz";
    }

    static byte[] content(List<TrailEvent> events) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < events.size(); i++) {
            json.append(i == 0 ? "" : ",").append(CloudTrailEventJson.render(events.get(i)));
        }
        json.append("]}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
