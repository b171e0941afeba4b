package weft.api.endorsement;

import org.osgi.annotation.versioning.ProviderType;
import weft.api.plugin.Dependency;

/** Gives an endorsement plugin read access to the channel's world state; passed to {@link EndorsementPlugin#init}. */
@ProviderType
public interface StateFetcher extends Dependency {

    /** A consistent read view of the channel's state; close it when done. */
    State fetchState() throws EndorsementException;
}
