package weft.runtime.handlers.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;

/**
 * Explains why a bundle does not resolve by naming each mandatory requirement that nothing in the framework
 * can satisfy, and what the peer offers instead. Felix's own exception names only the first requirement, as a
 * raw filter.
 */
public final class ResolutionDiagnosis {

    private final BundleContext context;
    private final FrameworkWiring wiring;

    public ResolutionDiagnosis(BundleContext context) {
        this.context = context;
        this.wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
    }

    /** One sentence per unsatisfiable requirement; empty when every requirement has a candidate provider. */
    public List<String> unsatisfiedRequirements(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> reasons = new ArrayList<>();
        if (revision == null) {
            return reasons;
        }
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            if (isOptional(requirement) || !wiring.findProviders(requirement).isEmpty()) {
                continue;
            }
            reasons.add(describe(requirement));
        }
        return reasons;
    }

    private static boolean isOptional(BundleRequirement requirement) {
        return Namespace.RESOLUTION_OPTIONAL.equals(
                requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
    }

    private String describe(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String namespace = requirement.getNamespace();
        Optional<String> range = RequirementFilter.versionRange(filter);
        switch (namespace) {
            case PackageNamespace.PACKAGE_NAMESPACE: {
                String pkg = RequirementFilter.attribute(filter, PackageNamespace.PACKAGE_NAMESPACE).orElse(filter);
                String wanted = "it imports package " + pkg + range.map(r -> " " + r).orElse("");
                TreeSet<Version> offered = exportedVersions(pkg);
                if (offered.isEmpty()) {
                    return wanted + ", which no bundle of the peer exports";
                }
                List<String> versions = offered.stream().map(Version::toString).toList();
                return wanted + ", but the peer exports " + pkg + " " + String.join(", ", versions);
            }
            case BundleNamespace.BUNDLE_NAMESPACE:
                return "it requires bundle "
                        + RequirementFilter.attribute(filter, BundleNamespace.BUNDLE_NAMESPACE).orElse(filter)
                        + range.map(r -> " " + r).orElse("") + ", which is not installed in a matching version";
            case ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE:
                return "it requires the execution environment " + filter + ", which this JVM does not provide";
            default:
                return "it requires a capability in namespace " + namespace + " matching " + filter
                        + ", which nothing installed provides";
        }
    }

    private TreeSet<Version> exportedVersions(String pkg) {
        TreeSet<Version> versions = new TreeSet<>();
        for (Bundle candidate : context.getBundles()) {
            BundleRevision revision = candidate.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = capability.getAttributes();
                if (pkg.equals(attributes.get(PackageNamespace.PACKAGE_NAMESPACE))) {
                    Object version = attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
                    versions.add(version instanceof Version v ? v : Version.emptyVersion);
                }
            }
        }
        return versions;
    }
}
