package weft.runtime.handlers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequirementFilterTest {

    @Test
    void readsTheRangeFelixGeneratesForAnImportRange() {
        String filter = "(&(osgi.wiring.package=weft.api.endorsement)(version>=2.0.0)(!(version>=3.0.0)))";
        assertEquals(Optional.of("weft.api.endorsement"), RequirementFilter.attribute(filter, "osgi.wiring.package"));
        assertEquals(Optional.of("[2.0.0,3.0.0)"), RequirementFilter.versionRange(filter));
    }

    @Test
    void readsExclusiveLowerAndInclusiveUpperBounds() {
        String filter = "(&(osgi.wiring.package=p)(!(version<=1.0.0))(version<=2.0.0))";
        assertEquals(Optional.of("(1.0.0,2.0.0]"), RequirementFilter.versionRange(filter));
    }

    @Test
    void readsAnAtLeastVersion() {
        assertEquals(Optional.of("1.2.0"), RequirementFilter.versionRange("(&(osgi.wiring.package=p)(version>=1.2.0))"));
    }

    @Test
    void readsAnExactVersion() {
        assertEquals(Optional.of("[1.0.0,1.0.0]"), RequirementFilter.versionRange("(&(osgi.wiring.package=p)(version=1.0.0))"));
    }

    @Test
    void findsNoRangeWhereNoneIsRequired() {
        assertEquals(Optional.empty(), RequirementFilter.versionRange("(osgi.wiring.package=p)"));
        assertEquals(Optional.empty(), RequirementFilter.attribute("(osgi.wiring.package=p)", "osgi.wiring.bundle"));
    }
}
