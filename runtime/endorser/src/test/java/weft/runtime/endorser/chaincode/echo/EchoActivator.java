package weft.runtime.endorser.chaincode.echo;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import weft.api.chaincode.Chaincode;

/** Packed into the test chaincode bundles (not run on the test class path): publishes an {@link EchoChaincode}. */
public final class EchoActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        String answer = context.getBundle().getHeaders().get("Chaincode-Answer");
        context.registerService(Chaincode.class, new EchoChaincode(answer), null);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
