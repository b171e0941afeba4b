package weft.runtime.endorser.chaincode;

import weft.api.chaincode.Chaincode;

/**
 * Which chaincode serves an installed package. The endorser asks once per proposal and runs the whole
 * invocation on the instance it got, so a proposal that started on a bundle's old service finishes on it while
 * later proposals get the new one.
 */
@FunctionalInterface
public interface ChaincodeLookup {

    /**
     * The chaincode that serves {@code packageId} now.
     *
     * @throws ChaincodeUnavailableException naming why none does (not installed, not started, no service)
     */
    Chaincode chaincode(String packageId) throws ChaincodeUnavailableException;
}
