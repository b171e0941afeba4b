package weft.runtime.msp;

import java.util.Arrays;
import java.util.Objects;

/**
 * An organisational unit an MSP recognises: the OU value and, optionally, the identifier of the certification
 * chain that must have issued the certificate (SHA-256 over the DER of the CA certificates above the leaf).
 */
record OuIdentifier(String organizationalUnit, byte[] certifiersIdentifier) {

    OuIdentifier {
        Objects.requireNonNull(organizationalUnit, "organizationalUnit");
    }

    boolean matches(String unit, byte[] identityCertifiers) {
        return organizationalUnit.equals(unit)
                && (certifiersIdentifier == null || certifiersIdentifier.length == 0
                    || Arrays.equals(certifiersIdentifier, identityCertifiers));
    }
}
