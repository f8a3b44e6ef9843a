package io.strongroom.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strongroom.kernel.ClockControl;
import io.strongroom.kernel.ServiceException;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.BooleanSupplier;

/**
 * Strongroom's own API under {@code /_strongroom/}, for operators and test harnesses: health and the
 * clock. Every call needs {@code Authorization: Bearer <admin-token>}.
 */
public final class AdminApi {
    public static final String PREFIX = "/_strongroom/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String adminToken;
    private final ClockControl clock;
    private final BooleanSupplier ready;
    private final AdminAccounts accounts;

    /** What the admin API may do with accounts: make standalone ones and give out root keys. */
    public interface AdminAccounts {
        /** Creates an account outside any organization (id null: a fresh one); returns its root key. */
        String[] createAccount(String accountId, String name, String email);

        /** A new root access key for an existing account; null when there is no such account. */
        String[] createRootAccessKey(String accountId);
    }

    /** Read-only "why" answers for operators. */
    public interface AdminInsights {
        /** Why an account's effective policy of a type is what it is; empty when the account has none. */
        java.util.Optional<Object> effectivePolicyExplanation(String accountId, String policyType);
    }

    /**
     * Strongroom extension, not an AWS API: the file tree of an EFS file system (EFS has no data plane
     * here), so that data can be seeded before a backup and restores inspected after.
     */
    public interface AdminEfsFiles {
        /** Paths of the file system's files; empty when there is no such file system. */
        java.util.Optional<java.util.List<String>> list(String fileSystemId);

        /** A file's content; empty when the file system or the file does not exist. */
        java.util.Optional<byte[]> read(String fileSystemId, String path);

        /** Creates or replaces a file; false when there is no such file system. */
        boolean write(String fileSystemId, String path, byte[] content);
    }

    /**
     * Strongroom extension, not an AWS API: the bytes of an EBS volume (no EBS direct APIs here), so that
     * data can be seeded before a backup and restores inspected after.
     */
    public interface AdminEbsData {
        /** The volume's bytes (empty array when never written); empty when there is no such volume. */
        java.util.Optional<byte[]> read(String volumeId);

        /** Replaces the volume's bytes: 200 done, 404 no such volume, 413 larger than the volume. */
        int write(String volumeId, byte[] content);
    }

    /**
     * Strongroom extension, not an AWS API: what AWS Backup's selections make of the resources of an account and
     * Region now, for operators ("why is this resource (un)protected").
     */
    public interface AdminBackup {
        /** Every selection's verdict and reason on one resource; ServiceException when there is no such resource. */
        Object protection(String accountId, String region, String resourceArn);

        /** The ARNs a selection picks now; ServiceException when there is no such plan or selection. */
        java.util.List<String> selectedResources(String accountId, String region, String planId, String selectionId);
    }

    private final AdminInsights insights;
    private AdminBackup backup;
    private final AdminEfsFiles efsFiles;
    private final AdminEbsData ebsData;

    public AdminApi(String adminToken, ClockControl clock, BooleanSupplier ready, AdminAccounts accounts,
                    AdminInsights insights) {
        this(adminToken, clock, ready, accounts, insights, null, null);
    }

    public AdminApi(String adminToken, ClockControl clock, BooleanSupplier ready, AdminAccounts accounts,
                    AdminInsights insights, AdminEfsFiles efsFiles) {
        this(adminToken, clock, ready, accounts, insights, efsFiles, null);
    }

    public AdminApi(String adminToken, ClockControl clock, BooleanSupplier ready, AdminAccounts accounts,
                    AdminInsights insights, AdminEfsFiles efsFiles, AdminEbsData ebsData) {
        this.adminToken = adminToken;
        this.clock = clock;
        this.ready = ready;
        this.accounts = accounts;
        this.insights = insights;
        this.efsFiles = efsFiles;
        this.ebsData = ebsData;
    }

    /** Serves the AWS Backup extension too. */
    public AdminApi withBackup(AdminBackup value) {
        this.backup = value;
        return this;
    }

    public static boolean handles(WireRequest request) {
        return request.rawPath().startsWith(PREFIX);
    }

    public WireResponse handle(WireRequest request) {
        if (!authorized(request)) {
            return error(401, "Unauthorized", "A valid 'Authorization: Bearer <admin-token>' header is required.");
        }
        String path = request.rawPath().substring(PREFIX.length());
        String method = request.method();
        try {
            if (path.equals("health") && method.equals("GET")) {
                ObjectNode body = JSON.createObjectNode().put("status", ready.getAsBoolean() ? "ready" : "starting");
                return json(ready.getAsBoolean() ? 200 : 503, body);
            }
            if (path.equals("clock") && method.equals("GET")) {
                return clockBody(clock.now());
            }
            if (path.equals("clock/advance") && method.equals("POST")) {
                Duration duration = parseDuration(field(request, "duration"), clock.now());
                return clockBody(clock.advance(duration));
            }
            if (path.equals("clock/set") && method.equals("POST")) {
                return clockBody(clock.set(Instant.parse(field(request, "time"))));
            }
            if (path.equals("accounts") && method.equals("POST")) {
                JsonNode body = body(request);
                String[] key = accounts.createAccount(text(body, "accountId"), text(body, "name"), text(body, "email"));
                return credentials(key);
            }
            if (path.startsWith("accounts/") && path.endsWith("/root-access-key") && method.equals("POST")) {
                String accountId = path.substring("accounts/".length(), path.length() - "/root-access-key".length());
                String[] key = accounts.createRootAccessKey(accountId);
                return key == null ? error(404, "NotFound", "No account " + accountId) : credentials(key);
            }
            if (path.equals("organizations/effective-policy") && method.equals("GET")) {
                java.util.Map<String, String> query = query(request.rawQuery());
                String account = query.get("account");
                String type = query.getOrDefault("type", "BACKUP_POLICY");
                if (account == null) {
                    return error(400, "ValidationException", "The query parameter 'account' is required.");
                }
                return insights.effectivePolicyExplanation(account, type)
                        .map(answer -> json(200, JSON.valueToTree(answer)))
                        .orElseGet(() -> error(404, "NotFound", "Account " + account + " has no " + type
                                + " in any organization."));
            }
            if (path.startsWith("backup/") && method.equals("GET") && backup != null) {
                WireResponse answer = backup(path.substring("backup/".length()), query(request.rawQuery()));
                if (answer != null) {
                    return answer;
                }
            }
            if (path.startsWith("efs/") && efsFiles != null) {
                WireResponse answer = efsFiles(path.substring("efs/".length()), method, request);
                if (answer != null) {
                    return answer;
                }
            }
            if (path.startsWith("ebs/") && path.endsWith("/data") && ebsData != null) {
                WireResponse answer = ebsData(path.substring("ebs/".length(), path.length() - "/data".length()),
                        method, request);
                if (answer != null) {
                    return answer;
                }
            }
            return error(404, "NotFound", "No admin operation " + method + " " + PREFIX + path);
        } catch (DateTimeParseException e) {
            return error(400, "ValidationException", "Not an ISO-8601 value: " + e.getParsedString());
        } catch (ServiceException e) {
            return error(400, e.code(), e.getMessage());
        } catch (BadRequest e) {
            return error(400, "ValidationException", e.getMessage());
        }
    }

    /** {@code <fs-id>/files} (GET: list) and {@code <fs-id>/files/<path>} (GET: read, PUT: write); null otherwise. */
    private WireResponse efsFiles(String rest, String method, WireRequest request) {
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String fsId = rest.substring(0, slash);
        String tail = rest.substring(slash + 1);
        if (tail.equals("files") || tail.equals("files/")) {
            if (!method.equals("GET")) {
                return null;
            }
            return efsFiles.list(fsId).map(paths -> {
                ObjectNode body = JSON.createObjectNode().put("fileSystemId", fsId);
                paths.forEach(body.putArray("files")::add);
                return json(200, body);
            }).orElseGet(() -> noFileSystem(fsId));
        }
        if (!tail.startsWith("files/")) {
            return null;
        }
        String path = java.net.URLDecoder.decode(tail.substring("files/".length()).replace("+", "%2B"),
                StandardCharsets.UTF_8);
        if (method.equals("PUT")) {
            return efsFiles.write(fsId, path, request.body())
                    ? json(200, JSON.createObjectNode().put("fileSystemId", fsId).put("path", path)
                            .put("size", request.body().length))
                    : noFileSystem(fsId);
        }
        if (method.equals("GET")) {
            if (efsFiles.list(fsId).isEmpty()) {
                return noFileSystem(fsId);
            }
            return efsFiles.read(fsId, path)
                    .map(bytes -> new WireResponse(200, Headers.of("Content-Type", "application/octet-stream"), bytes))
                    .orElseGet(() -> error(404, "NotFound", "No file " + path + " in file system " + fsId));
        }
        return null;
    }

    /**
     * {@code protection?account=&region=&resource=<arn>}: each selection's verdict on the resource;
     * {@code selections/<plan-id>/<selection-id>/resources?account=&region=}: what the selection picks now.
     */
    private WireResponse backup(String rest, java.util.Map<String, String> query) {
        String account = query.get("account");
        String region = query.getOrDefault("region", "eu-west-1");
        if (account == null) {
            return error(400, "ValidationException", "The query parameter 'account' is required.");
        }
        if (rest.equals("protection")) {
            String resource = query.get("resource");
            if (resource == null) {
                return error(400, "ValidationException", "The query parameter 'resource' is required.");
            }
            return json(200, JSON.valueToTree(backup.protection(account, region, resource)));
        }
        String[] parts = rest.split("/");
        if (parts.length == 4 && parts[0].equals("selections") && parts[3].equals("resources")) {
            ObjectNode body = JSON.createObjectNode().put("backupPlanId", parts[1]).put("selectionId", parts[2]);
            backup.selectedResources(account, region, parts[1], parts[2]).forEach(body.putArray("resources")::add);
            return json(200, body);
        }
        return null;
    }

    /** {@code <vol-id>/data}: GET reads, PUT replaces the volume's bytes; null for other methods. */
    private WireResponse ebsData(String volumeId, String method, WireRequest request) {
        if (volumeId.isEmpty() || volumeId.contains("/")) {
            return null;
        }
        if (method.equals("GET")) {
            return ebsData.read(volumeId)
                    .map(bytes -> new WireResponse(200, Headers.of("Content-Type", "application/octet-stream"), bytes))
                    .orElseGet(() -> noVolume(volumeId));
        }
        if (method.equals("PUT")) {
            int status = ebsData.write(volumeId, request.body());
            if (status == 404) {
                return noVolume(volumeId);
            }
            if (status == 413) {
                return error(413, "VolumeTooSmall", "The data does not fit in volume '" + volumeId + "'.");
            }
            return json(200, JSON.createObjectNode().put("volumeId", volumeId).put("size", request.body().length));
        }
        return null;
    }

    private static WireResponse noVolume(String volumeId) {
        return error(404, "InvalidVolume.NotFound", "The volume '" + volumeId + "' does not exist.");
    }

    private static WireResponse noFileSystem(String fsId) {
        return error(404, "FileSystemNotFound", "File system '" + fsId + "' does not exist.");
    }

    /** ISO-8601 durations (PT6H, P1D) and calendar periods (P1M, P1Y, counted from now in UTC). */
    static Duration parseDuration(String text, Instant now) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                java.time.ZonedDateTime from = now.atZone(java.time.ZoneOffset.UTC);
                return Duration.between(from, from.plus(java.time.Period.parse(text)));
            } catch (DateTimeParseException notAPeriod) {
                throw new BadRequest("duration must be ISO-8601, such as PT6H, P1D or P1Y: " + text);
            }
        }
    }

    private WireResponse clockBody(Instant now) {
        ObjectNode body = JSON.createObjectNode().put("now", now.toString())
                .put("simulated", clock.simulated());
        return json(200, body);
    }

    private static java.util.Map<String, String> query(String rawQuery) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static WireResponse credentials(String[] key) {
        return json(200, JSON.createObjectNode().put("accountId", key[0]).put("accessKeyId", key[1])
                .put("secretAccessKey", key[2]));
    }

    private static JsonNode body(WireRequest request) {
        if (request.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw new BadRequest("The body must be a JSON object.");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequest("The body must be a JSON object.");
        }
    }

    private static String text(JsonNode body, String name) {
        return body.hasNonNull(name) ? body.get(name).asText() : null;
    }

    private static String field(WireRequest request, String name) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new BadRequest("The body must be a JSON object.");
        }
        if (body == null || !body.hasNonNull(name) || !body.get(name).isTextual()) {
            throw new BadRequest("The body must be a JSON object with a string \"" + name + "\".");
        }
        return body.get(name).asText();
    }

    private boolean authorized(WireRequest request) {
        String header = request.headers().first("Authorization").orElse("");
        String expected = "Bearer " + adminToken;
        return MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static WireResponse error(int status, String code, String message) {
        return json(status, JSON.createObjectNode().put("code", code).put("message", message));
    }

    private static WireResponse json(int status, JsonNode body) {
        try {
            return new WireResponse(status, Headers.of("Content-Type", "application/json"),
                    JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
