package weft.runtime.endorser.chaincode;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.protobuf.ByteString;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import weft.api.chaincode.Chaincode;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.ChaincodeStub;
import weft.api.chaincode.Response;
import weft.api.chaincode.contract.Context;
import weft.api.chaincode.contract.Contract;
import weft.api.chaincode.contract.ContractInterface;
import weft.api.chaincode.contract.Transaction;
import weft.runtime.endorser.internal.ContractContext;

/**
 * Runs contract-style chaincode: the {@link ContractInterface} services of one bundle, turned into one
 * {@link Chaincode} by reflection, with the routing, argument and result rules of
 * {@link weft.api.chaincode.contract}. The functions are found once, when the adapter is built; a contract
 * that breaks the rules (a transaction method without a {@link Context} first, two functions of one name) is
 * refused then, naming the method.
 */
public final class ContractChaincode implements Chaincode {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** One transaction function. */
    private record Function(String contract, String name, Object target, Method method) {
    }

    /** One contract's functions, by name. */
    private record ContractFunctions(String name, Map<String, Function> functions) {
    }

    private final Map<String, ContractFunctions> contracts;
    private final ContractFunctions defaultContract;

    private ContractChaincode(Map<String, ContractFunctions> contracts, ContractFunctions defaultContract) {
        this.contracts = contracts;
        this.defaultContract = defaultContract;
    }

    /**
     * Builds the adapter over the contracts a bundle publishes.
     *
     * @throws IllegalArgumentException naming the contract or method that breaks the contract rules
     */
    public static ContractChaincode of(List<? extends ContractInterface> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no contracts given");
        }
        Map<String, ContractFunctions> contracts = new TreeMap<>();
        ContractFunctions marked = null;
        for (ContractInterface service : services) {
            Class<?> type = service.getClass();
            Contract annotation = type.getAnnotation(Contract.class);
            String name = annotation == null || annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
            ContractFunctions functions = new ContractFunctions(name, functions(name, service));
            if (contracts.put(name, functions) != null) {
                throw new IllegalArgumentException("two contracts are named '" + name + "'");
            }
            if (annotation != null && annotation.isDefault()) {
                if (marked != null) {
                    throw new IllegalArgumentException("contracts '" + marked.name() + "' and '" + name
                            + "' are both marked as the default");
                }
                marked = functions;
            }
        }
        ContractFunctions first = contracts.values().iterator().next();
        return new ContractChaincode(Map.copyOf(contracts), marked != null ? marked : first);
    }

    private static Map<String, Function> functions(String contract, Object service) {
        Map<String, Function> functions = new LinkedHashMap<>();
        List<Method> methods = new ArrayList<>(List.of(service.getClass().getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method method : methods) {
            Transaction transaction = method.getAnnotation(Transaction.class);
            if (transaction == null || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 0 || parameters[0] != Context.class) {
                throw new IllegalArgumentException("transaction function " + contract + "." + method.getName()
                        + " must take a " + Context.class.getName() + " as its first parameter");
            }
            String name = transaction.name().isEmpty() ? method.getName() : transaction.name();
            // A public method of a class that is not itself public needs this to be callable from here.
            method.setAccessible(true);
            if (functions.put(name, new Function(contract, name, service, method)) != null) {
                throw new IllegalArgumentException("contract " + contract + " has two transaction functions named '"
                        + name + "'");
            }
        }
        return functions;
    }

    /** The contracts and their functions, for diagnostics: {@code contract -> [function, ...]}. */
    public Map<String, List<String>> functions() {
        Map<String, List<String>> all = new TreeMap<>();
        contracts.forEach((name, c) -> all.put(name, List.copyOf(c.functions().keySet())));
        return all;
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        String requested = stub.function();
        if (requested.isEmpty()) {
            return Response.error("no function given: the first argument must name a transaction function");
        }
        ContractFunctions contract = defaultContract;
        String name = requested;
        int colon = requested.indexOf(':');
        if (colon >= 0) {
            contract = contracts.get(requested.substring(0, colon));
            name = requested.substring(colon + 1);
            if (contract == null) {
                return Response.error("unknown contract '" + requested.substring(0, colon) + "' in function '"
                        + requested + "' (contracts: " + String.join(", ", contracts.keySet()) + ")");
            }
        }
        Function function = contract.functions().get(name);
        if (function == null) {
            return Response.error("unknown function '" + name + "' of contract '" + contract.name() + "' (functions: "
                    + String.join(", ", contract.functions().keySet()) + ")");
        }
        return call(function, stub);
    }

    private static Response call(Function function, ChaincodeStub stub) {
        Method method = function.method();
        Parameter[] parameters = method.getParameters();
        Type[] types = method.getGenericParameterTypes();
        List<String> args = stub.parameters();
        if (args.size() != parameters.length - 1) {
            return Response.error("function " + function.name() + " takes " + (parameters.length - 1) + " argument"
                    + (parameters.length == 2 ? "" : "s") + describe(parameters) + " but was given " + args.size());
        }
        Object[] values = new Object[parameters.length];
        values[0] = new ContractContext(stub);
        for (int i = 1; i < parameters.length; i++) {
            String text = args.get(i - 1);
            try {
                values[i] = parse(text, parameters[i].getType(), types[i]);
            } catch (IllegalArgumentException | JsonParseException e) {
                return Response.error("argument " + i + nameOf(parameters[i]) + " of " + function.name() + ": '"
                        + abbreviate(text) + "' is not " + typeName(parameters[i].getType(), types[i])
                        + (e.getMessage() == null || e instanceof NumberFormatException ? "" : " (" + e.getMessage() + ")"));
            }
        }
        Object result;
        try {
            result = method.invoke(function.target(), values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChaincodeException failure) {
                return new Response(Response.ERROR, failure.getMessage() == null ? "" : failure.getMessage(),
                        failure.payload());
            }
            return Response.error("function " + function.name() + " failed: " + cause);
        } catch (IllegalAccessException e) {
            return Response.error("function " + function.name() + " cannot be called: " + e.getMessage());
        }
        return Response.success(result(method.getReturnType(), result));
    }

    private static Object parse(String text, Class<?> type, Type generic) {
        if (type == String.class) {
            return text;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text.trim());
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text.trim());
        }
        if (type == short.class || type == Short.class) {
            return Short.parseShort(text.trim());
        }
        if (type == byte.class || type == Byte.class) {
            return Byte.parseByte(text.trim());
        }
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(text.trim());
        }
        if (type == float.class || type == Float.class) {
            return Float.parseFloat(text.trim());
        }
        if (type == boolean.class || type == Boolean.class) {
            return switch (text.trim()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException();
            };
        }
        if (type == char.class || type == Character.class) {
            if (text.length() != 1) {
                throw new IllegalArgumentException();
            }
            return text.charAt(0);
        }
        Object value = GSON.fromJson(text, generic);
        if (value == null) {
            throw new IllegalArgumentException("empty JSON");
        }
        return value;
    }

    private static ByteString result(Class<?> type, Object value) {
        if (type == void.class || value == null) {
            return ByteString.EMPTY;
        }
        if (value instanceof String text) {
            return ByteString.copyFromUtf8(text);
        }
        return ByteString.copyFromUtf8(GSON.toJson(value));
    }

    private static String describe(Parameter[] parameters) {
        if (parameters.length < 2 || !parameters[1].isNamePresent()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i < parameters.length; i++) {
            names.add(parameters[i].getName());
        }
        return " (" + String.join(", ", names) + ")";
    }

    private static String nameOf(Parameter parameter) {
        return parameter.isNamePresent() ? " (" + parameter.getName() + ")" : "";
    }

    private static String typeName(Class<?> type, Type generic) {
        if (type.isPrimitive() || type.getName().startsWith("java.lang.")) {
            String simple = type.getSimpleName();
            return (simple.matches("^[aeiouAEIOU].*") ? "an " : "a ") + simple;
        }
        return "JSON for " + generic.getTypeName();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
