/**
 * Identities as plugins see them: deserialized from Fabric's {@code msp.SerializedIdentity} by the channel's
 * MSPs, able to validate themselves, test an MSP principal and verify a signature. The peer implements these
 * types; plugins call them.
 */
@Export
@Version("1.0.0")
package weft.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
