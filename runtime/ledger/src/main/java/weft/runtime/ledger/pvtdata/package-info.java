/**
 * Private data on the peer: the transient store, where the endorser keeps each proposal's clear private write
 * set until its transaction commits; which collections this peer is a member of; and how a committed block's
 * clear private writes are checked against their public hashes and applied to private state (or recorded as
 * missing).
 */
@Export
@Version("0.1.0")
package weft.runtime.ledger.pvtdata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
