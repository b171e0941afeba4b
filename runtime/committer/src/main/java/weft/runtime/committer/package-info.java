/**
 * The committer: validates each block as Fabric's v2.0 validator does — per-transaction checks with Fabric's
 * TxValidationCodes, then the validation plugins chosen by each namespace's chaincode definition — and hands
 * the verdicts to the ledger for MVCC and commit.
 */
@Export
@Version("0.2.0")
package weft.runtime.committer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
