package weft.api.chaincode.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names a contract class (see the package documentation for how functions are routed). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

    /** The contract's name, used as the {@code name:} prefix of function names; the class's simple name if empty. */
    String name() default "";

    /** Whether unprefixed function names run this contract when the bundle publishes several. */
    boolean isDefault() default false;
}
