package io.strongroom.server.dashboard;

import io.strongroom.engine.identity.IdentityService;
import io.strongroom.engine.organizations.Organizations;
import io.strongroom.storage.Store;
import io.strongroom.wire.http.Headers;
import io.strongroom.wire.http.WireRequest;
import io.strongroom.wire.http.WireResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The auditor's dashboard under {@code /_strongroom/dashboard/}: read-only HTML pages over the read model, signed in
 * with the admin token (or its Bearer header) or an access key (decision D56).
 */
public final class Dashboard {
    private static final String COOKIE = "strongroom-dashboard";
    private static final Map<String, String> STATIC = Map.of("uPlot.iife.min.js", "text/javascript",
            "uPlot.min.css", "text/css", "dashboard.css", "text/css");

    private final DashboardReadModel model;
    private final DashboardSignIn signIn;
    private final List<String> defaultRegions;

    public Dashboard(DashboardReadModel model, Store store, IdentityService identity, Organizations organizations,
                     String adminToken, String managementAccount, List<String> defaultRegions) {
        this.model = model;
        this.signIn = new DashboardSignIn(store, identity, organizations, adminToken, managementAccount);
        this.defaultRegions = List.copyOf(defaultRegions);
    }

    public static boolean handles(WireRequest request) {
        String path = request.rawPath();
        return path.startsWith(DashboardPages.BASE) || path.equals(DashboardPages.BASE.substring(0,
                DashboardPages.BASE.length() - 1));
    }

    public WireResponse handle(WireRequest request) {
        String path = request.rawPath().length() < DashboardPages.BASE.length() ? ""
                : request.rawPath().substring(DashboardPages.BASE.length());
        if (path.startsWith("static/")) {
            return resource(path.substring("static/".length()));
        }
        if (path.equals("signin")) {
            return request.method().equals("POST") ? signIn(form(new String(request.body(), StandardCharsets.UTF_8)))
                    : html(200, DashboardPages.signIn(null));
        }
        if (path.equals("signout")) {
            signIn.close(cookie(request).orElse(null));
            return redirect("signin", COOKIE + "=; Path=" + DashboardPages.BASE + "; Max-Age=0");
        }
        Optional<String> viewer = request.headers().first("Authorization")
                .filter(h -> h.startsWith("Bearer ")).flatMap(h -> signIn.withAdminToken(h.substring(7).trim()))
                .or(() -> signIn.viewer(cookie(request).orElse(null)));
        if (viewer.isEmpty()) {
            return redirect("signin", null);
        }
        if (!request.method().equals("GET")) {
            return html(405, "<p>The dashboard is read-only.</p>");
        }
        Map<String, String> query = form(request.rawQuery());
        List<String> accounts = signIn.accountsOf(viewer.get());
        List<String> regions = query.containsKey("regions") ? Arrays.stream(query.get("regions").split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).toList() : defaultRegions;
        DashboardReadModel.Scope scope = new DashboardReadModel.Scope(viewer.get(), accounts, regions);
        String who = viewer.get();
        return switch (path) {
            case "" -> {
                // One account asked for alone lists all its resources; the whole tree lists the first of each (D63).
                String only = query.get("account");
                yield html(200, only != null && accounts.contains(only)
                        ? DashboardPages.overview(who, model.tree(new DashboardReadModel.Scope(who, List.of(only),
                        regions)), Integer.MAX_VALUE)
                        : DashboardPages.overview(who, model.tree(scope)));
            }
            case "controls" -> html(200, DashboardPages.controls(who, model.frameworks(scope)));
            case "jobs" -> html(200, DashboardPages.jobs(who, model.jobsPerDay(scope)));
            case "why" -> {
                String arn = query.get("arn");
                yield html(200, DashboardPages.why(who, arn, arn == null || arn.isBlank() ? Optional.empty()
                        : model.why(scope, arn.trim()), model.deniedCalls(scope)));
            }
            case "policy" -> {
                String account = query.getOrDefault("account", accounts.get(0));
                yield html(200, DashboardPages.policy(who, account, accounts,
                        model.effectiveBackupPolicy(scope, account)));
            }
            default -> html(404, "<p>No dashboard page " + DashboardPages.esc(path) + ".</p>");
        };
    }

    private WireResponse signIn(Map<String, String> form) {
        Optional<String> viewer = signIn.withAdminToken(form.get("token"))
                .or(() -> signIn.withAccessKey(form.get("accessKeyId"), form.get("secretAccessKey")));
        if (viewer.isEmpty()) {
            return html(401, DashboardPages.signIn("Neither the admin token nor an active access key and its secret."));
        }
        return redirect("", COOKIE + "=" + signIn.open(viewer.get()) + "; Path=" + DashboardPages.BASE
                + "; HttpOnly; SameSite=Strict");
    }

    private static Optional<String> cookie(WireRequest request) {
        for (String header : request.headers().all("Cookie")) {
            for (String part : header.split(";")) {
                String[] kv = part.trim().split("=", 2);
                if (kv.length == 2 && kv[0].equals(COOKIE)) {
                    return Optional.of(kv[1]);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    private static WireResponse resource(String name) {
        String type = STATIC.get(name);
        if (type == null) {
            return html(404, "<p>Not found.</p>");
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            return new WireResponse(200, Headers.of("Content-Type", type, "Cache-Control", "max-age=3600"),
                    in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WireResponse html(int status, String page) {
        return new WireResponse(status, Headers.of("Content-Type", "text/html; charset=utf-8",
                "Cache-Control", "no-store"), page.getBytes(StandardCharsets.UTF_8));
    }

    private static WireResponse redirect(String to, String setCookie) {
        Headers headers = Headers.of("Location", DashboardPages.BASE + to, "Cache-Control", "no-store");
        if (setCookie != null) {
            headers.add("Set-Cookie", setCookie);
        }
        return new WireResponse(303, headers, new byte[0]);
    }
}
