/**
 * Fabric v2's lifecycle state, byte for byte: definitions in the public {@code _lifecycle} namespace, approvals and
 * package ids in each organisation's implicit private-data collection, the rule that only changed fields are
 * rewritten, and the hash comparison that tells whether an organisation approved a definition.
 */
@Export
@Version("0.1.0")
package weft.runtime.lifecycle.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
