package weft.runtime.msp;

import weft.api.identity.IdentityException;

/**
 * An identity does not satisfy a principal. Thrown constantly during policy evaluation (Fabric's matcher tries
 * signers against principals until one fits), so it records no stack trace: it is an answer, not a fault.
 */
final class PrincipalMismatchException extends IdentityException {

    private static final long serialVersionUID = 1L;

    PrincipalMismatchException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
