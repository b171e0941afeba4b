/**
 * The endorser: {@link weft.runtime.endorser.ProposalProcessor} checks a signed proposal as Fabric's endorser
 * does, simulates the chaincode its definition binds to, and has the definition's endorsement plugin endorse the
 * result. {@link weft.runtime.endorser.ChaincodeResolver} is the seam through which it learns a chaincode's
 * definition and installed package (the lifecycle fills it).
 */
@Export
@Version("0.2.0")
package weft.runtime.endorser;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
