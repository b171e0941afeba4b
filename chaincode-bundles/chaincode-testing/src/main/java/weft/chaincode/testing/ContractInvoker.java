package weft.chaincode.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.Response;
import weft.api.chaincode.contract.Context;
import weft.api.chaincode.contract.Contract;
import weft.api.chaincode.contract.ContractInterface;
import weft.api.chaincode.contract.Transaction;

/**
 * Runs contracts as the peer would: as a {@link Chaincode} that takes the function name and string arguments
 * from the stub, converts each argument to the method's parameter type, and turns the result into the response
 * payload, following the rules of {@link weft.api.chaincode.contract}:
 * <ul>
 * <li>{@code name} runs the default contract's function (the one marked {@code isDefault}, otherwise the first by
 *     contract name); {@code contract:name} picks a contract;</li>
 * <li>{@code String} arguments are passed as sent; primitives and their boxes are parsed from decimal text, and
 *     booleans from exactly {@code true} or {@code false}; any other type is read from JSON with Gson;</li>
 * <li>a {@code String} result is the payload as UTF-8, {@code void} or {@code null} an empty payload, anything
 *     else JSON;</li>
 * <li>an unknown function, a wrong argument count, an argument that does not parse, or an exception from the
 *     method gives status 500 with a message (and, for {@link ChaincodeException}, its payload).</li>
 * </ul>
 * <pre>{@code
 * Chaincode chaincode = ContractInvoker.of(new AssetTransfer());
 * Response response = chaincode.invoke(ledger.newTransaction(alice, "ReadAsset", "asset1"));
 * }</pre>
 *
 * <p>This is a test double of the peer's contract adapter, not that adapter: it uses a plain {@code Gson} with
 * HTML escaping disabled (so JSON results may differ from the peer's in escaping, never in meaning), and does not
 * check that a function's {@link Transaction.Intent} matches how it is called. Contracts are checked when the
 * invoker is built: each must carry {@link Contract}, have unique contract and function names, and take a
 * {@link Context} as the first parameter of every transaction function.
 */
public final class ContractInvoker implements Chaincode {

    private record Function(ContractInterface contract, Method method) {
    }

    // Results as written: no HTML escaping of "<", ">", "&", "=" or "'" (X.509 names hold "=").
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    private final Map<String, Map<String, Function>> contracts = new TreeMap<>();
    private final String defaultContract;

    private ContractInvoker(List<ContractInterface> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no contract given");
        }
        String marked = null;
        for (ContractInterface instance : instances) {
            Class<?> type = instance.getClass();
            Contract annotation = type.getAnnotation(Contract.class);
            if (annotation == null) {
                throw new IllegalArgumentException(type.getName() + " is not annotated with @Contract");
            }
            String name = annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
            if (contracts.containsKey(name)) {
                throw new IllegalArgumentException("two contracts are named '" + name + "'");
            }
            if (annotation.isDefault()) {
                if (marked != null) {
                    throw new IllegalArgumentException("contracts '" + marked + "' and '" + name + "' are both marked default");
                }
                marked = name;
            }
            contracts.put(name, functions(name, instance));
        }
        defaultContract = marked != null ? marked : contracts.keySet().iterator().next();
    }

    /** An invoker for the contracts one chaincode bundle publishes. */
    public static ContractInvoker of(ContractInterface... contracts) {
        return new ContractInvoker(List.of(contracts));
    }

    /** Every function a client can call, as {@code contract:function}, sorted. */
    public SortedSet<String> functions() {
        SortedSet<String> names = new TreeSet<>();
        contracts.forEach((contract, functions) -> functions.keySet().forEach(fn -> names.add(contract + ":" + fn)));
        return Collections.unmodifiableSortedSet(names);
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        String requested = stub.function();
        String contract = defaultContract;
        String name = requested;
        int colon = requested.indexOf(':');
        if (colon >= 0) {
            contract = requested.substring(0, colon);
            name = requested.substring(colon + 1);
            if (!contracts.containsKey(contract)) {
                return Response.error("no contract named '" + contract + "' (function '" + requested + "')");
            }
        }
        Function function = contracts.get(contract).get(name);
        if (function == null) {
            return Response.error("contract '" + contract + "' has no transaction function '" + name + "'");
        }
        List<String> parameters = stub.parameters();
        Parameter[] declared = function.method().getParameters();
        Type[] types = function.method().getGenericParameterTypes();
        if (parameters.size() != declared.length - 1) {
            return Response.error("function '" + name + "' takes " + (declared.length - 1) + " argument(s), got "
                    + parameters.size());
        }
        Object[] arguments = new Object[declared.length];
        arguments[0] = TestContext.of(stub);
        for (int i = 1; i < declared.length; i++) {
            String text = parameters.get(i - 1);
            try {
                arguments[i] = convert(text, declared[i].getType(), types[i]);
            } catch (IllegalArgumentException | JsonParseException e) {
                return Response.error("argument " + i + " (" + describe(declared[i]) + ") of function '" + name
                        + "' is not a valid " + declared[i].getType().getSimpleName() + ": '" + text + "'");
            }
        }
        try {
            return result(function.method().invoke(function.contract(), arguments));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChaincodeException failure) {
                return new Response(Response.ERROR, String.valueOf(failure.getMessage()), failure.payload());
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return Response.error(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName());
        } catch (IllegalAccessException e) {
            return Response.error("function '" + name + "' cannot be called: " + e.getMessage());
        }
    }

    private Response result(Object value) {
        if (value == null) {
            return Response.success();
        }
        if (value instanceof String text) {
            return Response.success(text);
        }
        return Response.success(gson.toJson(value));
    }

    private Object convert(String text, Class<?> type, Type genericType) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == short.class || type == Short.class) {
            return Short.parseShort(text);
        }
        if (type == byte.class || type == Byte.class) {
            return Byte.parseByte(text);
        }
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(text);
        }
        if (type == float.class || type == Float.class) {
            return Float.parseFloat(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            return switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not true or false");
            };
        }
        if (type == char.class || type == Character.class) {
            if (text.length() != 1) {
                throw new IllegalArgumentException("not one character");
            }
            return text.charAt(0);
        }
        return gson.fromJson(text, genericType);
    }

    private static String describe(Parameter parameter) {
        return parameter.isNamePresent() ? parameter.getName() : parameter.getType().getSimpleName();
    }

    private static Map<String, Function> functions(String contract, ContractInterface instance) {
        Map<String, Function> functions = new TreeMap<>();
        for (Method method : instance.getClass().getMethods()) {
            Transaction transaction = method.getAnnotation(Transaction.class);
            if (transaction == null) {
                continue;
            }
            String name = transaction.name().isEmpty() ? method.getName() : transaction.name();
            if (Modifier.isStatic(method.getModifiers())) {
                throw new IllegalArgumentException("transaction function " + contract + ":" + name + " is static");
            }
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 0 || parameters[0] != Context.class) {
                throw new IllegalArgumentException("transaction function " + contract + ":" + name
                        + " must take a Context as its first parameter");
            }
            method.trySetAccessible(); // lets tests declare contracts as nested classes
            if (functions.put(name, new Function(instance, method)) != null) {
                throw new IllegalArgumentException("contract '" + contract + "' has two transaction functions named '"
                        + name + "'");
            }
        }
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("contract '" + contract + "' has no @Transaction method");
        }
        return functions;
    }
}
