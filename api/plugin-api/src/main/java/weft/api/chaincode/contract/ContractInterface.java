package weft.api.chaincode.contract;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marks a contract: publish an instance as an OSGi service of this type from the chaincode bundle, and annotate
 * the class with {@link Contract} and its transaction functions with {@link Transaction}. The peer calls a
 * contract from many threads at once, so keep no per-transaction state in fields.
 */
@ConsumerType
public interface ContractInterface {
}
