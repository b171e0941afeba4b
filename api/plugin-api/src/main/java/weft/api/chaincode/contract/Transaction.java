package weft.api.chaincode.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Makes a public method of a contract callable as a transaction function. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Transaction {

    /** Whether the function changes state (submitted for ordering) or only reads it (evaluated). */
    enum Intent { SUBMIT, EVALUATE }

    /** The function's name; the method's name if empty. */
    String name() default "";

    /** Informational for clients and tooling: the peer simulates both the same way. */
    Intent intent() default Intent.SUBMIT;
}
