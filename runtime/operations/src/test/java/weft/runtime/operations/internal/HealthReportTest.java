package weft.runtime.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weft.runtime.health.HealthCheck;

class HealthReportTest {

    private static final Instant NOW = Instant.parse("2026-11-23T14:00:00.123456789Z");

    @TempDir
    Path dir;

    private record Check(String component, Optional<String> problem) implements HealthCheck {
        static Check ok(String component) {
            return new Check(component, Optional.empty());
        }

        static Check failing(String component, String reason) {
            return new Check(component, Optional.of(reason));
        }
    }

    @Test
    void allChecksPassingAnswers200WithFabricsOkBody() {
        HealthReport report = HealthReport.of(List.of(Check.ok("channels"), Check.ok("handlers")), NOW);

        assertEquals(200, report.httpStatus());
        assertEquals("{\"status\":\"OK\",\"time\":\"2026-11-23T14:00:00.123456789Z\"}", report.json());
    }

    @Test
    void noChecksAtAllIsHealthy() {
        assertEquals(200, HealthReport.of(List.of(), NOW).httpStatus());
    }

    @Test
    void failedChecksAnswer503NamingEachFailedComponentAndItsReason() {
        HealthReport report = HealthReport.of(List.of(Check.ok("handlers"),
                Check.failing("consenters", "channel a is ordered by 'raft' but no consenter bundle serves it"),
                Check.failing("channels", "channel a stopped committing at height 7: disk full")), NOW);

        assertEquals(503, report.httpStatus());
        JsonObject body = JsonParser.parseString(report.json()).getAsJsonObject();
        assertEquals("Service Unavailable", body.get("status").getAsString());
        JsonArray failed = body.getAsJsonArray("failed_checks");
        assertEquals(2, failed.size(), "only the failed ones, by component name");
        assertEquals("channels", failed.get(0).getAsJsonObject().get("component").getAsString());
        assertEquals("channel a stopped committing at height 7: disk full",
                failed.get(0).getAsJsonObject().get("reason").getAsString());
        assertEquals("consenters", failed.get(1).getAsJsonObject().get("component").getAsString());
    }

    @Test
    void aCheckThatThrowsCountsAsFailedWithWhatItThrew() {
        HealthCheck broken = new HealthCheck() {
            @Override
            public String component() {
                return "broken";
            }

            @Override
            public Optional<String> problem() {
                throw new IllegalStateException("state store closed");
            }
        };

        HealthReport report = HealthReport.of(List.of(broken, Check.ok("handlers")), NOW);

        assertFalse(report.healthy());
        assertEquals("broken", report.failed().get(0).component());
        assertTrue(report.failed().get(0).reason().contains("state store closed"), report.failed().toString());
    }

    @Test
    void diskCheckFailsBelowTheMinimumAndNamesTheSetting() {
        assertEquals(Optional.empty(), new DiskSpaceCheck(dir, 0).problem());

        Optional<String> problem = new DiskSpaceCheck(dir, Long.MAX_VALUE / (1024 * 1024)).problem();

        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("operations.minFreeDiskMB"), problem.get());
        assertTrue(problem.get().contains(dir.toString()), problem.get());
    }

    @Test
    void diskCheckMeasuresTheFileSystemOfADataDirectoryNotCreatedYet() {
        assertEquals(Optional.empty(), new DiskSpaceCheck(dir.resolve("data/not/yet"), 0).problem());
    }
}
