package weft.api.validation;

import org.osgi.annotation.versioning.ProviderType;
import weft.api.plugin.Dependency;

/** Gives a validation plugin read access to committed world state; passed to {@link ValidationPlugin#init}. */
@ProviderType
public interface StateFetcher extends Dependency {

    /**
     * A read view of the state committed before the block being validated; close it when done.
     *
     * @throws ExecutionFailureException when the ledger cannot be read
     */
    State fetchState() throws ExecutionFailureException;
}
