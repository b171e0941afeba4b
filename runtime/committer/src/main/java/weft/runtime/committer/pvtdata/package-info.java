/** Which private-data collections this peer is a member of, decided from the committed chaincode definitions. */
@Export
@Version("0.1.0")
package weft.runtime.committer.pvtdata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
