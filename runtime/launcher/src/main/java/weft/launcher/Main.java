package weft.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import weft.launcher.spi.ChaincodeCall;
import weft.launcher.spi.ChannelNode;
import weft.launcher.spi.CryptoMaterialService;
import weft.launcher.spi.LifecycleCall;
import weft.launcher.spi.CryptoRequest;
import weft.launcher.spi.HandlerStatus;
import weft.launcher.spi.LedgerRevalidator;
import weft.launcher.spi.LedgerVerifier;
import weft.launcher.spi.PeerStartException;
import weft.launcher.spi.PluginAdmin;
import weft.launcher.spi.PluginAdminCall;
import weft.launcher.spi.ToolException;

/** The {@code weft-peer} command line. */
@Command(name = "weft-peer", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A Fabric-compatible peer whose endorsement, validation, ordering and chaincode are OSGi bundles.",
        subcommands = {Main.Node.class, Main.Handlers.class, Main.Crypto.class, Main.Ledger.class, Main.Chaincode.class,
                Main.Lifecycle.class, Main.Ordering.class, Main.Plugin.class, Main.ChannelCommand.class})
public final class Main {

    /** Exit code for a configuration or launch error. */
    static final int EXIT_CONFIG = 2;
    /** Exit code when the command ran and found a problem (a handler it cannot bind, a broken chain). */
    static final int EXIT_PROBLEM_FOUND = 1;
    /** Exit code when the running peer could not be reached ({@code weft-peer plugin}). */
    static final int EXIT_UNREACHABLE = 3;
    /** Exit code when the running peer refused the request ({@code weft-peer plugin}: not an admin, a conflict). */
    static final int EXIT_REFUSED = 4;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    /** Where the peer's installation lives, and the files it reads. */
    static final class Installation {
        @Option(names = "--home", description = "Weft installation directory (default: $WEFT_HOME, or the current directory).")
        Path home;

        @Option(names = {"-c", "--config"}, description = "core.yaml to use (default: <home>/config/core.yaml).")
        Path config;

        @Option(names = "--bundles", description = "directory of the peer's bundles (default: <home>/bundles).")
        Path bundles;

        Path home() {
            if (home != null) {
                return home;
            }
            String fromProperty = System.getProperty("weft.home");
            String fromEnv = System.getenv("WEFT_HOME");
            return Path.of(fromProperty != null ? fromProperty : fromEnv != null ? fromEnv : ".");
        }

        Path config() {
            return config != null ? config : home().resolve("config").resolve("core.yaml");
        }

        Path bundles() {
            return bundles != null ? bundles : home().resolve("bundles");
        }
    }

    @Command(name = "node", description = "Run the peer.", subcommands = Node.Start.class)
    static final class Node {

        @Command(name = "start", mixinStandardHelpOptions = true,
                description = "Start the peer and run until stopped (Ctrl-C or SIGTERM).")
        static final class Start implements Callable<Integer> {
            @Mixin
            Installation installation;

            @Option(names = "--data", description = "directory for the peer's data (default: <home>/data).")
            Path data;

            @Option(names = "--shell", description = "also run the Apache Felix Gogo shell on this terminal (lb, "
                    + "inspect, start, stop, ...); its bundles come from <home>/shell. 'exit' leaves the shell, the "
                    + "peer keeps running.")
            boolean shell;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws InterruptedException {
                PrintWriter out = spec.commandLine().getOut();
                PrintWriter err = spec.commandLine().getErr();
                Path dataDir = (data != null ? data : installation.home().resolve("data")).toAbsolutePath().normalize();
                // Only the running peer serves the operations endpoint (weft.runtime.operations reads these).
                Map<String, String> properties = new HashMap<>(Map.of(
                        "weft.operations.serve", "true", "weft.data", dataDir.toString()));
                if (shell) {
                    properties.putAll(GogoShell.FRAMEWORK_PROPERTIES);
                }
                LaunchSettings settings = LaunchSettings.of(installation.bundles(), dataDir.resolve("felix-cache"))
                        .withFrameworkProperties(properties);
                PeerFramework peer = null;
                DataLock lock;
                try {
                    lock = DataLock.acquire(dataDir);
                } catch (LaunchException e) {
                    err.println("weft-peer: " + e.getMessage());
                    return EXIT_CONFIG;
                }
                try {
                    peer = PeerFramework.boot(settings);
                    List<HandlerStatus> handlers = peer.control().start(installation.config());
                    out.println("Weft peer started with " + installation.config());
                    out.print(HandlerTable.render(handlers));
                    out.flush();
                    List<String> channels = peer.service(ChannelNode.class, "the channel bundle (weft.runtime.channel)")
                            .open(dataDir, true);
                    channels.forEach(out::println);
                    out.println("Weft peer running on " + dataDir + " (Ctrl-C stops it)");
                    out.flush();
                    if (shell) {
                        GogoShell.start(peer.framework().getBundleContext(), installation.home().resolve("shell"));
                    }
                } catch (LaunchException | PeerStartException e) {
                    err.println("weft-peer: " + e.getMessage());
                    if (peer != null) {
                        peer.close();
                    }
                    lock.close();
                    return EXIT_CONFIG;
                }
                PeerFramework running = peer;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    running.close();
                    lock.close();
                }, "weft-shutdown"));
                peer.awaitStop();
                return 0;
            }
        }
    }

    @Command(name = "handlers", description = "Inspect the handlers that core.yaml configures.",
            subcommands = Handlers.ListHandlers.class)
    static final class Handlers {

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "Bind every handler of core.yaml in a throw-away framework and show what serves it: "
                        + "handler name, bundle, version and state. Exits with 1 if any handler cannot be bound.")
        static final class ListHandlers implements Callable<Integer> {
            @Mixin
            Installation installation;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                return inThrowawayFramework(installation, spec, (peer, out) -> {
                    List<HandlerStatus> handlers = peer.control().start(installation.config());
                    out.print(HandlerTable.render(handlers));
                    return HandlerTable.anyFailed(handlers) ? EXIT_PROBLEM_FOUND : 0;
                });
            }
        }
    }

    @Command(name = "crypto", description = "Crypto material for test and demo networks.",
            subcommands = Crypto.Generate.class)
    static final class Crypto {

        @Command(name = "generate", mixinStandardHelpOptions = true,
                description = "Generate MSP folders (Fabric cryptogen layout, NodeOUs enabled) for N organisations "
                        + "with their peers, users and admins, and an orderer organisation.")
        static final class Generate implements Callable<Integer> {
            @Mixin
            Installation installation;

            @Option(names = {"-o", "--output"}, required = true, description = "empty directory to write into")
            Path output;

            @Option(names = "--orgs", defaultValue = "2", description = "peer organisations (default: ${DEFAULT-VALUE})")
            int organizations;

            @Option(names = "--peers", defaultValue = "1", description = "peers per organisation (default: ${DEFAULT-VALUE})")
            int peers;

            @Option(names = "--users", defaultValue = "1", description = "client users per organisation (default: ${DEFAULT-VALUE})")
            int users;

            @Option(names = "--admins", defaultValue = "1", description = "admins per organisation (default: ${DEFAULT-VALUE})")
            int admins;

            @Option(names = "--no-orderer", description = "do not generate an orderer organisation")
            boolean noOrderer;

            @Option(names = "--curve", defaultValue = "P-256", description = "P-256 or P-384 (default: ${DEFAULT-VALUE})")
            String curve;

            @Option(names = "--validity-days", defaultValue = "365", description = "certificate validity (default: ${DEFAULT-VALUE})")
            int validityDays;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                return inThrowawayFramework(installation, spec, (peer, out) -> {
                    CryptoMaterialService generator = peer.service(CryptoMaterialService.class,
                            "the identities bundle (weft.runtime.msp)");
                    generator.generate(new CryptoRequest(output.toAbsolutePath(), organizations, peers, users, admins,
                            !noOrderer, curve, validityDays)).forEach(out::println);
                    return 0;
                });
            }
        }
    }

    @Command(name = "ledger", description = "Inspect ledgers.", subcommands = {Ledger.Verify.class, Ledger.Revalidate.class})
    static final class Ledger {

        @Command(name = "revalidate", mixinStandardHelpOptions = true,
                description = "Re-validate a channel's block file (Weft's or Fabric's) from its genesis block with the "
                        + "validation plugins of core.yaml, and compare every verdict with the TRANSACTIONS_FILTER "
                        + "stored in each block. Prints one line per block and 'N blocks, M transactions, K mismatches'; "
                        + "exits with 1 if K > 0.")
        static final class Revalidate implements Callable<Integer> {
            @Mixin
            Installation installation;

            @Parameters(paramLabel = "BLOCKFILE", description = "a block file that starts with the channel's genesis block")
            Path blockFile;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                return inThrowawayFramework(installation, spec, (peer, out) -> {
                    peer.control().start(installation.config());
                    LedgerVerifier.Report report = peer.service(LedgerRevalidator.class,
                            "the committer bundle (weft.runtime.committer)").revalidate(blockFile.toAbsolutePath().normalize());
                    report.lines().forEach(out::println);
                    return report.intact() ? 0 : EXIT_PROBLEM_FOUND;
                });
            }
        }

        @Command(name = "verify", mixinStandardHelpOptions = true,
                description = "Check block files (Weft's or Fabric's): every block parses, data hashes match, "
                        + "numbers follow and the header hash chain holds. Exits with 1 if anything does not.")
        static final class Verify implements Callable<Integer> {
            @Mixin
            Installation installation;

            @Parameters(paramLabel = "PATH", description = "a block file, or a directory with block files")
            Path path;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                return inThrowawayFramework(installation, spec, (peer, out) -> {
                    LedgerVerifier.Report report = peer.service(LedgerVerifier.class,
                            "the ledger bundle (weft.runtime.ledger)").verify(path.toAbsolutePath().normalize());
                    report.lines().forEach(out::println);
                    return report.intact() ? 0 : EXIT_PROBLEM_FOUND;
                });
            }
        }
    }

    /** Where a command that works on the peer's data finds the installation and the data (long options only). */
    static final class DataInstallation {
        @Option(names = "--home", description = "Weft installation directory (default: $WEFT_HOME, or the current directory).")
        Path home;

        @Option(names = "--config", description = "core.yaml to use (default: <home>/config/core.yaml).")
        Path config;

        @Option(names = "--bundles", description = "directory of the peer's bundles (default: <home>/bundles).")
        Path bundles;

        @Option(names = "--data", description = "the peer's data directory (default: <home>/data).")
        Path data;

        Installation installation() {
            Installation installation = new Installation();
            installation.home = home;
            installation.config = config;
            installation.bundles = bundles;
            return installation;
        }

        Path data() {
            return (data != null ? data : installation().home().resolve("data")).toAbsolutePath().normalize();
        }
    }

    /** A command on the channels of a peer that is not running: takes the data lock and opens the channels itself. */
    @FunctionalInterface
    interface ChannelTask {
        List<String> run(ChannelNode channels) throws ToolException;
    }

    static int onChannels(DataInstallation where, CommandLine.Model.CommandSpec spec, ChannelTask task)
            throws IOException {
        Path data = where.data();
        PrintWriter err = spec.commandLine().getErr();
        if (!java.nio.file.Files.isDirectory(data.resolve("channels"))) {
            err.println("weft-peer: no channels in " + data + "; start the peer once (weft-peer node start) to create "
                    + "its development channel, or give --data");
            return EXIT_CONFIG;
        }
        DataLock lock;
        try {
            lock = DataLock.acquire(data);
        } catch (LaunchException e) {
            err.println("weft-peer: " + e.getMessage());
            return EXIT_CONFIG;
        }
        try (lock) {
            return inThrowawayFramework(where.installation(), spec, (peer, out) -> {
                peer.control().start(where.installation().config());
                ChannelNode channels = peer.service(ChannelNode.class, "the channel bundle (weft.runtime.channel)");
                channels.open(data, false);
                task.run(channels).forEach(out::println);
                return 0;
            });
        }
    }

    private static Path clientMsp() {
        String value = System.getenv("CORE_PEER_MSPCONFIGPATH");
        return value == null || value.isBlank() ? null : Path.of(value).toAbsolutePath();
    }

    private static String clientMspId() {
        return System.getenv("CORE_PEER_LOCALMSPID");
    }

    @Command(name = "chaincode", description = "Invoke or query chaincode on a peer's channels (the peer must not be "
            + "running on the data directory: network access comes with the gRPC services).",
            subcommands = {Chaincode.Invoke.class, Chaincode.Query.class})
    static final class Chaincode {

        abstract static class Call implements Callable<Integer> {
            @Mixin
            DataInstallation where;

            @Option(names = {"-C", "--channelID"}, required = true, description = "the channel")
            String channel;

            @Option(names = {"-n", "--name"}, required = true, description = "the chaincode")
            String name;

            @Option(names = {"-c", "--ctor"}, required = true,
                    description = "Fabric's JSON arguments, e.g. '{\"Args\":[\"ReadAsset\",\"asset1\"]}'")
            String ctor;

            @Spec
            CommandLine.Model.CommandSpec spec;

            abstract boolean submit();

            @Override
            public Integer call() throws IOException {
                return onChannels(where, spec, channels -> channels.chaincode(new ChaincodeCall(channel, name, ctor,
                        submit(), clientMsp(), clientMspId())));
            }
        }

        @Command(name = "invoke", mixinStandardHelpOptions = true,
                description = "Endorse, order and commit a transaction; prints the result and the commit status. "
                        + "Signs as CORE_PEER_MSPCONFIGPATH/CORE_PEER_LOCALMSPID (default: the dev network's Org1 admin).")
        static final class Invoke extends Call {
            @Override
            boolean submit() {
                return true;
            }
        }

        @Command(name = "query", mixinStandardHelpOptions = true,
                description = "Evaluate a chaincode function on this peer and print its result.")
        static final class Query extends Call {
            @Override
            boolean submit() {
                return false;
            }
        }
    }

    @Command(name = "lifecycle", description = "Fabric's chaincode lifecycle.", subcommands = Lifecycle.ChaincodeCommand.class)
    static final class Lifecycle {

        @Command(name = "chaincode",
                description = "peer lifecycle chaincode <package|install|queryinstalled|approveformyorg|"
                        + "checkcommitreadiness|commit|querycommitted> with Fabric's options (-n, -v, --sequence, "
                        + "--package-id, --signature-policy, --channel-config-policy, -E/--escc, -V/--vscc, "
                        + "--init-required, --collections-config; and --validation-parameter-file for plugins whose "
                        + "parameter is not a Fabric policy). The peer must not be running on the data directory.")
        static final class ChaincodeCommand implements Callable<Integer> {
            @Mixin
            DataInstallation where;

            @Parameters(index = "0", paramLabel = "COMMAND", description = "package, install, queryinstalled, "
                    + "approveformyorg, checkcommitreadiness, commit, querycommitted")
            String command;

            @Option(names = {"-C", "--channelID"}, description = "the channel")
            String channel = "";

            @Unmatched
            List<String> arguments = new java.util.ArrayList<>();

            // Not the standard help mixin: its -V (version) is Fabric's --validation-plugin here.
            @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
            boolean help;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                LifecycleCall call = new LifecycleCall(command, channel, arguments, clientMsp(), clientMspId());
                if (command.equals("package")) { // works on files only: no data directory, no channels
                    return inThrowawayFramework(where.installation(), spec, (peer, out) -> {
                        peer.control().start(where.installation().config());
                        peer.service(ChannelNode.class, "the channel bundle (weft.runtime.channel)").lifecycle(call)
                                .forEach(out::println);
                        return 0;
                    });
                }
                return onChannels(where, spec, channels -> channels.lifecycle(call));
            }
        }
    }

    @Command(name = "ordering", description = "The ordering of a peer's channels.",
            subcommands = Ordering.Migrate.class)
    static final class Ordering {

        @Command(name = "migrate", mixinStandardHelpOptions = true,
                description = "Move a channel from solo to Raft (a one-node cluster on this node's Raft port): "
                        + "maintenance, a config block naming the new consensus type, the Raft consenter on the same "
                        + "blocks. Block numbers continue and the hash chain is unbroken. The peer must not be running "
                        + "on the data directory.")
        static final class Migrate implements Callable<Integer> {
            @Mixin
            DataInstallation where;

            @Option(names = {"-C", "--channelID"}, required = true, description = "the channel")
            String channel;

            @Option(names = "--to", required = true, description = "the new consensus type (raft)")
            String to;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                return onChannels(where, spec, channels -> channels.migrateOrdering(channel, to));
            }
        }
    }

    @Command(name = "channel", description = "The channels of a peer that is not running.",
            subcommands = {ChannelCommand.Join.class, ChannelCommand.ListChannels.class})
    static final class ChannelCommand {

        @Command(name = "join", mixinStandardHelpOptions = true,
                description = "Join the channel of a genesis block (Fabric's peer channel join -b). On a node with "
                        + "peer.ordering.enabled: false the channel then follows the ordering service its "
                        + "configuration names; otherwise this node orders it. The ordering node keeps the block as "
                        + "<data>/channels/<channel>/genesis.block. The peer must not be running on the data "
                        + "directory; its next start opens the channel.")
        static final class Join implements Callable<Integer> {
            @Mixin
            DataInstallation where;

            @Option(names = {"-b", "--blockpath"}, required = true, description = "the channel's genesis block file")
            Path block;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                // A fresh node has no channels yet: joining is what gives it one.
                java.nio.file.Files.createDirectories(where.data().resolve("channels"));
                Path file = block.toAbsolutePath();
                return onChannels(where, spec, channels -> channels.joinChannel(file));
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "The channels this node has joined, with their heights and who orders them (Fabric's "
                        + "peer channel list). The peer must not be running on the data directory.")
        static final class ListChannels implements Callable<Integer> {
            @Mixin
            DataInstallation where;

            @Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() throws IOException {
                return onChannels(where, spec, ChannelNode::listChannels);
            }
        }
    }

    @Command(name = "plugin", description = "Manage the plugin bundles of a RUNNING peer through its operations "
            + "endpoint (POST /admin/plugins), as an admin of the peer's MSP: list, install <jar>, update <jar>, "
            + "uninstall <file>. The peer keeps running; handlers switch at a block boundary. Exit codes: 0 done, "
            + "1 done but the bundle is not active, 2 bad options or identity, 3 peer not reachable, 4 refused.",
            subcommands = {Plugin.ListPlugins.class, Plugin.Install.class, Plugin.Update.class, Plugin.Uninstall.class})
    static final class Plugin {

        /** What every plugin command needs: where the peer listens, TLS, and the admin identity. */
        abstract static class Call implements Callable<Integer> {
            @Mixin
            DataInstallation where;

            @Option(names = "--peer", paramLabel = "HOST:PORT", description = "the peer's operations endpoint "
                    + "(default: core.yaml's operations.listenAddress; https://... or --cafile for TLS)")
            String peer;

            @Option(names = "--cafile", description = "PEM CA certificate of the endpoint's TLS certificate (TLS)")
            Path caFile;

            @Option(names = "--certfile", description = "PEM client certificate, when the endpoint requires client "
                    + "authentication (operations.tls.clientAuthRequired)")
            Path certFile;

            @Option(names = "--keyfile", description = "PKCS #8 PEM key of --certfile")
            Path keyFile;

            @Option(names = "--mspconfig", description = "the admin's MSP folder (default: CORE_PEER_MSPCONFIGPATH, "
                    + "else the development network's Org1 admin under the data directory)")
            Path mspConfig;

            @Option(names = "--mspid", description = "the admin's MSP id (default: CORE_PEER_LOCALMSPID, else "
                    + "core.yaml's peer.localMspId)")
            String mspId;

            @Spec
            CommandLine.Model.CommandSpec spec;

            abstract String command();

            Path jar() {
                return null;
            }

            String fileName() {
                return null;
            }

            @Override
            public Integer call() throws IOException {
                PluginAdminCall call = new PluginAdminCall(command(), jar() == null ? null : jar().toAbsolutePath(),
                        fileName(), peer, where.installation().config().toAbsolutePath(), where.data(),
                        absolute(caFile), absolute(certFile), absolute(keyFile),
                        mspConfig != null ? mspConfig.toAbsolutePath() : clientMsp(),
                        mspId != null ? mspId : clientMspId());
                // The running peer's deploy/ is its own business: this framework only signs and sends.
                Path idle = Files.createTempDirectory("weft-plugin-");
                try {
                    return inThrowawayFramework(where.installation(), Map.of("felix.fileinstall.dir", idle.toString()),
                            spec, (framework, out) -> {
                                PluginAdmin.Result result = framework.service(PluginAdmin.class,
                                        "the operations bundle (weft.runtime.operations)").send(call);
                                PrintWriter target = result.outcome() == PluginAdmin.Outcome.OK
                                        ? out : spec.commandLine().getErr();
                                result.lines().forEach(target::println);
                                target.flush();
                                return switch (result.outcome()) {
                                    case OK -> 0;
                                    case PROBLEM -> EXIT_PROBLEM_FOUND;
                                    case UNREACHABLE -> EXIT_UNREACHABLE;
                                    case REFUSED -> EXIT_REFUSED;
                                };
                            });
                } finally {
                    deleteRecursively(idle);
                }
            }

            private static Path absolute(Path path) {
                return path == null ? null : path.toAbsolutePath();
            }
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "The plugin jars in the running peer's deploy/ (bundle, version, state, SHA-256) and "
                        + "its handlers with their swap counts.")
        static final class ListPlugins extends Call {
            @Override
            String command() {
                return "list";
            }
        }

        @Command(name = "install", mixinStandardHelpOptions = true,
                description = "Send a plugin bundle jar to the running peer, which writes it into its deploy/ and "
                        + "reports when the bundle is active and which handlers it serves. Refused if deploy/ has "
                        + "the file already (use update).")
        static class Install extends Call {
            @Parameters(paramLabel = "JAR", description = "the plugin bundle")
            Path jarFile;

            @Option(names = "--name", description = "its file name in deploy/ (default: the jar's own name)")
            String name;

            @Override
            String command() {
                return "install";
            }

            @Override
            Path jar() {
                return jarFile;
            }

            @Override
            String fileName() {
                return name;
            }
        }

        @Command(name = "update", mixinStandardHelpOptions = true,
                description = "Replace a plugin bundle in the running peer's deploy/ (the bundle is updated in "
                        + "place; channels switch to the new revision at their next block). Refused if deploy/ has "
                        + "no such file (use install).")
        static final class Update extends Install {
            @Override
            String command() {
                return "update";
            }
        }

        @Command(name = "uninstall", mixinStandardHelpOptions = true,
                description = "Remove a plugin jar from the running peer's deploy/; reports the handlers that lost "
                        + "their implementation.")
        static final class Uninstall extends Call {
            @Parameters(paramLabel = "FILE", description = "the jar's file name in deploy/ (see plugin list)")
            String file;

            @Override
            String command() {
                return "uninstall";
            }

            @Override
            String fileName() {
                return file;
            }
        }
    }

    /** A tool's work inside a framework that lives only for the command. */
    @FunctionalInterface
    interface FrameworkTask {
        int run(PeerFramework peer, PrintWriter out) throws LaunchException, PeerStartException, ToolException;
    }

    /**
     * Boots the peer's bundles in a temporary framework, runs {@code task} and removes the framework again. The
     * tools print what they found themselves, so the peer's own log lines are kept to errors.
     */
    static int inThrowawayFramework(Installation installation, CommandLine.Model.CommandSpec spec, FrameworkTask task)
            throws IOException {
        return inThrowawayFramework(installation, Map.of(), spec, task);
    }

    /** As above, with extra framework properties. */
    static int inThrowawayFramework(Installation installation, Map<String, String> properties,
                                    CommandLine.Model.CommandSpec spec, FrameworkTask task) throws IOException {
        Logger.getLogger("").setLevel(Level.SEVERE);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path storage = Files.createTempDirectory("weft-tool-");
        try (PeerFramework peer = PeerFramework.boot(LaunchSettings.of(installation.bundles(), storage)
                .withFrameworkProperties(properties))) {
            int exit = task.run(peer, out);
            out.flush();
            return exit;
        } catch (LaunchException | PeerStartException | ToolException e) {
            err.println("weft-peer: " + e.getMessage());
            return EXIT_CONFIG;
        } finally {
            deleteRecursively(storage);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"weft-peer " + (version != null ? version : "(development build)")};
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(Main.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete temporary framework storage " + root + ": " + e.getMessage());
        }
    }
}
