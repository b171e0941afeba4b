package weft.runtime.cryptogen;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import weft.launcher.spi.CryptoMaterialService;
import weft.launcher.spi.CryptoRequest;
import weft.launcher.spi.ToolException;
import weft.runtime.crypto.Curve;

/** Serves {@code weft-peer crypto generate} from inside the framework. */
@Component
public final class CryptoMaterialComponent implements CryptoMaterialService {

    @Override
    public List<String> generate(CryptoRequest request) throws ToolException {
        CryptoSpec spec;
        try {
            spec = new CryptoSpec(request.organizations(), request.peersPerOrganization(),
                    request.usersPerOrganization(), request.adminsPerOrganization(), request.ordererOrganization(),
                    curve(request.curve()), Duration.ofDays(request.validityDays()));
        } catch (IllegalArgumentException e) {
            throw new ToolException(e.getMessage(), e);
        }
        try {
            List<String> summary = new ArrayList<>();
            for (GeneratedOrganization org : new CryptoMaterialGenerator(new SecureRandom()).generate(request.output(), spec)) {
                List<String> counts = new ArrayList<>();
                count(org, "peer", "peer", counts);
                count(org, "orderer", "orderer", counts);
                count(org, "client", "user", counts);
                count(org, "admin", "admin", counts);
                summary.add(org.mspId() + " (" + org.domain() + "): " + String.join(", ", counts) + " in "
                        + org.mspFolder().getParent());
            }
            return summary;
        } catch (IOException e) {
            throw new ToolException("cannot write crypto material: " + e.getMessage(), e);
        }
    }

    private static Curve curve(String name) {
        for (Curve curve : Curve.values()) {
            if (curve.displayName().equalsIgnoreCase(name)) {
                return curve;
            }
        }
        throw new IllegalArgumentException("unknown curve '" + name + "'; use P-256 or P-384");
    }

    private static void count(GeneratedOrganization org, String role, String noun, List<String> counts) {
        int n = org.folders(role).size();
        if (n > 0) {
            counts.add(n + " " + noun + (n == 1 ? "" : "s"));
        }
    }
}
