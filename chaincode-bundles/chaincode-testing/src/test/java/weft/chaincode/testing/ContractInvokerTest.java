package weft.chaincode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import weft.api.chaincode.ChaincodeException;
import weft.api.chaincode.Response;
import weft.api.chaincode.contract.Context;
import weft.api.chaincode.contract.Contract;
import weft.api.chaincode.contract.ContractInterface;
import weft.api.chaincode.contract.Transaction;

class ContractInvokerTest {

    record Point(int x, int y) {
    }

    @Contract(name = "calc")
    public static final class Calculator implements ContractInterface {
        @Transaction
        public int add(Context ctx, int a, Integer b) {
            return a + b;
        }

        @Transaction
        public String types(Context ctx, long l, short s, byte b, double d, float f, boolean z, Boolean zz, char c) {
            return l + "|" + s + "|" + b + "|" + d + "|" + f + "|" + z + "|" + zz + "|" + c;
        }

        @Transaction(name = "sum")
        public long total(Context ctx, List<Long> values) {
            return values.stream().mapToLong(Long::longValue).sum();
        }

        @Transaction
        public Point move(Context ctx, Point p, Map<String, Integer> by) {
            return new Point(p.x() + by.getOrDefault("x", 0), p.y() + by.getOrDefault("y", 0));
        }

        @Transaction
        public String echo(Context ctx, String text) {
            return text;
        }

        @Transaction
        public void nothing(Context ctx) {
        }

        @Transaction
        public Point none(Context ctx) {
            return null;
        }

        @Transaction
        public String who(Context ctx) {
            return ctx.clientIdentity().mspId() + " " + ctx.stub().txId().length();
        }

        @Transaction
        public void fail(Context ctx) {
            throw new ChaincodeException("refused", ByteString.copyFromUtf8("{\"code\":42}"));
        }

        @Transaction
        public void crash(Context ctx) {
            throw new IllegalStateException("boom");
        }

        public String notATransaction(Context ctx) {
            return "hidden";
        }
    }

    @Contract
    public static final class Other implements ContractInterface {
        @Transaction
        public String echo(Context ctx, String text) {
            return "other " + text;
        }
    }

    @Contract(name = "zeta", isDefault = true)
    public static final class Marked implements ContractInterface {
        @Transaction
        public String echo(Context ctx, String text) {
            return "zeta " + text;
        }
    }

    public static final class NotAnnotated implements ContractInterface {
        @Transaction
        public void f(Context ctx) {
        }
    }

    @Contract
    public static final class NoContext implements ContractInterface {
        @Transaction
        public void f(String s) {
        }
    }

    @Contract
    public static final class Overloaded implements ContractInterface {
        @Transaction
        public void f(Context ctx) {
        }

        @Transaction
        public void f(Context ctx, String s) {
        }
    }

    @Contract
    public static final class Empty implements ContractInterface {
    }

    @Contract(isDefault = true)
    public static final class AlsoDefault implements ContractInterface {
        @Transaction
        public void f(Context ctx) {
        }
    }

    private final InMemoryLedger ledger = new InMemoryLedger();
    private final TestIdentity alice = TestIdentity.create("Org1MSP", "alice");
    private final ContractInvoker calc = ContractInvoker.of(new Calculator());

    @Test
    void parsesPrimitivesAndTheirBoxesFromText() {
        assertEquals("5", call(calc, "add", "2", "3").payloadString());
        assertEquals("-7|3|4|2.5|1.5|true|false|x",
                call(calc, "types", "-7", "3", "4", "2.5", "1.5", "true", "false", "x").payloadString());
    }

    @Test
    void readsOtherTypesFromJsonAndWritesResultsAsJson() {
        assertEquals("6", call(calc, "sum", "[1,2,3]").payloadString());
        assertEquals("{\"x\":3,\"y\":1}", call(calc, "move", "{\"x\":1,\"y\":1}", "{\"x\":2}").payloadString());
    }

    @Test
    void stringsPassAsSentAndVoidOrNullGiveAnEmptyPayload() {
        assertEquals("{not json} & =", call(calc, "echo", "{not json} & =").payloadString());
        Response nothing = call(calc, "nothing");
        assertEquals(200, nothing.status());
        assertTrue(nothing.payload().isEmpty());
        assertTrue(call(calc, "none").payload().isEmpty());
    }

    @Test
    void theContextCarriesTheStubAndTheClient() {
        assertEquals("Org1MSP 64", call(calc, "who").payloadString());
    }

    @Test
    void badArgumentsFailWithAMessageNamingTheArgument() {
        assertEquals("argument 2 (b) of function 'add' is not a valid Integer: 'three'",
                call(calc, "add", "1", "three").message());
        assertEquals("argument 6 (z) of function 'types' is not a valid boolean: 'yes'",
                call(calc, "types", "1", "1", "1", "1", "1", "yes", "true", "c").message());
        assertEquals("argument 8 (c) of function 'types' is not a valid char: 'cc'",
                call(calc, "types", "1", "1", "1", "1", "1", "true", "true", "cc").message());
        assertEquals("argument 1 (values) of function 'sum' is not a valid List: '[1,'",
                call(calc, "sum", "[1,").message());
        assertEquals("argument 1 (a) of function 'add' is not a valid int: '2147483648'",
                call(calc, "add", "2147483648", "1").message());
        assertEquals(500, call(calc, "add", "1", "three").status());
    }

    @Test
    void aWrongArgumentCountFails() {
        assertEquals("function 'add' takes 2 argument(s), got 1", call(calc, "add", "1").message());
        assertEquals("function 'nothing' takes 0 argument(s), got 1", call(calc, "nothing", "x").message());
    }

    @Test
    void unknownFunctionsAndContractsFail() {
        assertEquals("contract 'calc' has no transaction function 'notATransaction'",
                call(calc, "notATransaction").message());
        assertEquals("contract 'calc' has no transaction function 'total'", call(calc, "total", "[]").message());
        assertEquals("contract 'calc' has no transaction function ''", call(calc, "").message());
        assertEquals("no contract named 'nope' (function 'nope:add')", call(calc, "nope:add", "1", "2").message());
    }

    @Test
    void exceptionsBecomeErrorResponses() {
        Response refused = call(calc, "fail");
        assertEquals(500, refused.status());
        assertEquals("refused", refused.message());
        assertEquals("{\"code\":42}", refused.payloadString());
        assertEquals("boom", call(calc, "crash").message());
    }

    @Test
    void routesUnprefixedNamesToTheDefaultContractAndPrefixedOnesByName() {
        ContractInvoker firstByName = ContractInvoker.of(new Other(), new Calculator());
        assertEquals("other hi", call(firstByName, "echo", "hi").payloadString(), "Other sorts before calc (String order)");
        assertEquals("hi", call(firstByName, "calc:echo", "hi").payloadString());
        ContractInvoker marked = ContractInvoker.of(new Calculator(), new Marked());
        assertEquals("zeta hi", call(marked, "echo", "hi").payloadString());
        assertEquals("hi", call(marked, "calc:echo", "hi").payloadString());
    }

    @Test
    void listsFunctionsAsContractColonName() {
        assertEquals(List.of("Other:echo"), List.copyOf(ContractInvoker.of(new Other()).functions()));
        assertTrue(calc.functions().contains("calc:sum"));
    }

    @Test
    void refusesContractsThatBreakTheRules() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContractInvoker.of(new NotAnnotated()))
                .getMessage().endsWith("is not annotated with @Contract"));
        assertEquals("transaction function NoContext:f must take a Context as its first parameter",
                assertThrows(IllegalArgumentException.class, () -> ContractInvoker.of(new NoContext())).getMessage());
        assertEquals("contract 'Overloaded' has two transaction functions named 'f'",
                assertThrows(IllegalArgumentException.class, () -> ContractInvoker.of(new Overloaded())).getMessage());
        assertEquals("contract 'Empty' has no @Transaction method",
                assertThrows(IllegalArgumentException.class, () -> ContractInvoker.of(new Empty())).getMessage());
        assertEquals("two contracts are named 'calc'",
                assertThrows(IllegalArgumentException.class, () -> ContractInvoker.of(new Calculator(), new Calculator())).getMessage());
        assertEquals("contracts 'AlsoDefault' and 'zeta' are both marked default",
                assertThrows(IllegalArgumentException.class, () -> ContractInvoker.of(new AlsoDefault(), new Marked())).getMessage());
        assertThrows(IllegalArgumentException.class, ContractInvoker::of);
    }

    private Response call(ContractInvoker invoker, String function, String... args) {
        return invoker.invoke(ledger.newTransaction(alice, function, args));
    }
}
