package weft.runtime.operations.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import weft.runtime.health.HealthCheck;

/**
 * The answer to {@code GET /healthz}: every registered check run once, in Fabric's format — {@code {"status":"OK",
 * "time":...}} with 200 when all pass, else {@code "Service Unavailable"} with 503 and one
 * {@code {"component","reason"}} per failed check.
 *
 * @param failed the failed checks, by component name
 */
record HealthReport(Instant time, List<FailedCheck> failed) {

    /** One check that did not pass. */
    record FailedCheck(String component, String reason) {
    }

    HealthReport {
        failed = List.copyOf(failed);
    }

    /** Runs every check; one that throws counts as failed, with what it threw as the reason. */
    static HealthReport of(List<HealthCheck> checks, Instant now) {
        List<FailedCheck> failed = new ArrayList<>();
        for (HealthCheck check : checks) {
            String component;
            try {
                component = check.component();
            } catch (RuntimeException e) {
                component = check.getClass().getName();
            }
            try {
                Optional<String> problem = check.problem();
                if (problem.isPresent()) {
                    failed.add(new FailedCheck(component, problem.get()));
                }
            } catch (RuntimeException | LinkageError e) {
                failed.add(new FailedCheck(component, "the health check failed: " + e));
            }
        }
        failed.sort(Comparator.comparing(FailedCheck::component));
        return new HealthReport(now, failed);
    }

    boolean healthy() {
        return failed.isEmpty();
    }

    /** 200 or 503. */
    int httpStatus() {
        return healthy() ? 200 : 503;
    }

    String json() {
        JsonObject body = new JsonObject();
        body.addProperty("status", healthy() ? "OK" : "Service Unavailable");
        body.addProperty("time", time.toString());
        if (!healthy()) {
            JsonArray checks = new JsonArray();
            for (FailedCheck check : failed) {
                JsonObject entry = new JsonObject();
                entry.addProperty("component", check.component());
                entry.addProperty("reason", check.reason());
                checks.add(entry);
            }
            body.add("failed_checks", checks);
        }
        return body.toString();
    }
}
