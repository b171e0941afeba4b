/**
 * Fabric's policy engine: signature policies (SignedBy / NOutOf over MSP principals, evaluated greedily in
 * Fabric's order so verdicts match), implicit-meta policies over a channel's config tree, application policies
 * as plugins see them, and the policy language with Weft's weighted extension.
 */
@Export
@Version("0.1.0")
package weft.runtime.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
