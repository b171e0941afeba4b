package weft.runtime.endorser.chaincode;

import java.util.HexFormat;
import java.util.regex.Pattern;
import weft.runtime.ledger.block.Sha256;

/** Fabric v2's package ids: {@code <label>:<hex SHA-256 of the package>}; here the package is the bundle jar. */
public final class PackageIds {

    // Fabric's rule for labels: alphanumerics and ".+-_", starting with an alphanumeric.
    private static final Pattern LABEL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.+-]*$");

    private PackageIds() {
    }

    /**
     * The package id of a jar under a label.
     *
     * @throws ChaincodeInstallException when the label breaks Fabric's rule
     */
    public static String of(String label, byte[] jar) throws ChaincodeInstallException {
        checkLabel(label);
        return label + ":" + HexFormat.of().formatHex(Sha256.of(jar));
    }

    public static void checkLabel(String label) throws ChaincodeInstallException {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw new ChaincodeInstallException("invalid label '" + label + "': a label must be non-empty, consist of"
                    + " alphanumerics and the symbols '.+-_', and begin with an alphanumeric");
        }
    }

    /** The label part of a package id. */
    public static String label(String packageId) {
        int colon = packageId.lastIndexOf(':');
        return colon < 0 ? packageId : packageId.substring(0, colon);
    }

}
