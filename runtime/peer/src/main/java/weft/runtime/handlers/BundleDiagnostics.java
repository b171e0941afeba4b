package weft.runtime.handlers;

import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import weft.runtime.handlers.internal.ResolutionDiagnosis;

/**
 * Explains why a bundle does not resolve, for every part of the peer that installs bundles (handler libraries,
 * chaincode packages): one sentence per mandatory requirement nothing installed satisfies, naming what the peer
 * offers instead. Felix's own exception names only the first requirement, as a raw filter.
 */
public final class BundleDiagnostics {

    private BundleDiagnostics() {
    }

    /** The unsatisfiable requirements of {@code bundle}; empty when each has a candidate provider. */
    public static List<String> unsatisfiedRequirements(BundleContext context, Bundle bundle) {
        return new ResolutionDiagnosis(context).unsatisfiedRequirements(bundle);
    }
}
