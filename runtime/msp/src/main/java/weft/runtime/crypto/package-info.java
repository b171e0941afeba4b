/**
 * ECDSA as Fabric uses it, on Bouncy Castle's lightweight API: P-256 and P-384 keys, DER-encoded signatures
 * with low S, deterministic nonces (RFC 6979). Decoded keys are immutable and meant to be cached: Bouncy
 * Castle keeps its precomputation on the key's point, so re-decoding a key per verify halves throughput.
 */
@Export
@Version("0.1.0")
package weft.runtime.crypto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
