package weft.runtime.lifecycle.cli;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.ApplicationPolicy;
import org.hyperledger.fabric.protos.peer.CollectionConfigPackage;
import org.hyperledger.fabric.protos.peer.lifecycle.ApproveChaincodeDefinitionForMyOrgArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.ChaincodeSource;
import org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessArgs;
import org.hyperledger.fabric.protos.peer.lifecycle.CommitChaincodeDefinitionArgs;
import weft.runtime.handlers.PluginIdentity;
import weft.runtime.policy.PolicyParser;
import weft.runtime.policy.PolicySyntaxException;

/**
 * The definition options of {@code peer lifecycle chaincode approveformyorg | checkcommitreadiness | commit}, and
 * the argument messages Fabric's CLI builds from them. Empty strings mean "not given": the peer then applies its
 * defaults (plugins {@code escc}/{@code vscc}, policy {@code /Channel/Application/Endorsement}).
 * <pre>{@code
 * LifecycleOptions options = LifecycleOptions.parse(List.of("-n", "basic", "-v", "1.0", "--sequence", "1",
 *         "--escc", "escc", "--vscc", "UtxoValidation", "--signature-policy", "OR('Org1MSP.peer')"));
 * ApproveChaincodeDefinitionForMyOrgArgs args = options.approveArgs();
 * }</pre>
 *
 * @param collectionsConfig       the {@code --collections-config} file, or null
 * @param validationParameterFile the {@code --validation-parameter-file} (a Weft extension: the validation
 *                                parameter's bytes verbatim, for validation plugins whose parameter is not a Fabric
 *                                policy), or null
 * @param pinPlugins              {@code --pin-plugins} (a Weft extension): pin both plugins to what the peer that
 *                                runs the command has installed; the peer fills them in with {@link #pinnedTo}
 * @param endorsementPin          {@code --escc-pin}: the identity the endorsement plugin is pinned to
 *                                ({@code <handler>/<bundle>/<version>#sha256:<hex>}), empty if not pinned
 * @param validationPin           {@code --vscc-pin}: the same for the validation plugin
 */
public record LifecycleOptions(String name, String version, long sequence, String endorsementPlugin,
                               String validationPlugin, String signaturePolicy, String channelConfigPolicy,
                               boolean initRequired, Path collectionsConfig, String packageId,
                               Path validationParameterFile, boolean pinPlugins, String endorsementPin,
                               String validationPin) {

    /** The plugin names a definition gets when none is given; a pin needs a name to pin. */
    public static final String DEFAULT_ENDORSEMENT_PLUGIN = "escc";
    public static final String DEFAULT_VALIDATION_PLUGIN = "vscc";

    public LifecycleOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(endorsementPlugin, "endorsementPlugin");
        Objects.requireNonNull(validationPlugin, "validationPlugin");
        Objects.requireNonNull(signaturePolicy, "signaturePolicy");
        Objects.requireNonNull(channelConfigPolicy, "channelConfigPolicy");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(endorsementPin, "endorsementPin");
        Objects.requireNonNull(validationPin, "validationPin");
    }

    /** The option names this class reads, each with its aliases (Fabric v2's and the legacy lifecycle's). */
    private enum Option {
        NAME("--name", "-n"), VERSION("--version", "-v"), SEQUENCE("--sequence"),
        ENDORSEMENT_PLUGIN("--endorsement-plugin", "-E", "--escc"),
        VALIDATION_PLUGIN("--validation-plugin", "-V", "--vscc"),
        SIGNATURE_POLICY("--signature-policy"), CHANNEL_CONFIG_POLICY("--channel-config-policy"),
        INIT_REQUIRED("--init-required"), COLLECTIONS_CONFIG("--collections-config"), PACKAGE_ID("--package-id"),
        VALIDATION_PARAMETER_FILE("--validation-parameter-file"), PIN_PLUGINS("--pin-plugins"),
        ENDORSEMENT_PIN("--escc-pin", "--endorsement-plugin-pin"),
        VALIDATION_PIN("--vscc-pin", "--validation-plugin-pin");

        final List<String> spellings;

        Option(String... spellings) {
            this.spellings = List.of(spellings);
        }

        static Option of(String spelling) {
            for (Option option : values()) {
                if (option.spellings.contains(spelling)) {
                    return option;
                }
            }
            return null;
        }
    }

    /**
     * Reads Fabric CLI-style arguments: {@code --option value}, {@code --option=value}, the short forms
     * {@code -n -v -E -V}, the legacy {@code --escc}/{@code --vscc}, and {@code --init-required} as a flag (or
     * {@code --init-required=true|false}).
     *
     * @throws CliOptionException for an unknown option, a missing value, a bad sequence, or an option given twice
     *                            with different values (e.g. {@code --escc} and {@code -E})
     */
    public static LifecycleOptions parse(List<String> args) throws CliOptionException {
        Map<Option, String> values = new HashMap<>();
        Map<Option, String> spelledAs = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String spelling = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                spelling = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            Option option = Option.of(spelling);
            if (option == null) {
                throw new CliOptionException("unknown option '" + arg + "'");
            }
            if (option == Option.INIT_REQUIRED || option == Option.PIN_PLUGINS) {
                if (value == null) {
                    value = "true";
                } else if (!value.equals("true") && !value.equals("false")) {
                    throw new CliOptionException(spelling + " takes true or false, not '" + value + "'");
                }
            } else if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new CliOptionException("option " + spelling + " needs a value");
                }
                value = args.get(++i);
            }
            String earlier = values.put(option, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new CliOptionException("option " + spelling + " given as '" + value + "' but "
                        + spelledAs.get(option) + " was already '" + earlier + "'");
            }
            spelledAs.put(option, spelling);
        }
        long sequence = 0;
        String sequenceText = values.get(Option.SEQUENCE);
        if (sequenceText != null) {
            try {
                sequence = Long.parseLong(sequenceText);
            } catch (NumberFormatException e) {
                throw new CliOptionException("--sequence must be a whole number, not '" + sequenceText + "'", e);
            }
        }
        String collections = values.get(Option.COLLECTIONS_CONFIG);
        String parameterFile = values.get(Option.VALIDATION_PARAMETER_FILE);
        return new LifecycleOptions(values.getOrDefault(Option.NAME, ""), values.getOrDefault(Option.VERSION, ""),
                sequence, values.getOrDefault(Option.ENDORSEMENT_PLUGIN, ""),
                values.getOrDefault(Option.VALIDATION_PLUGIN, ""), values.getOrDefault(Option.SIGNATURE_POLICY, ""),
                values.getOrDefault(Option.CHANNEL_CONFIG_POLICY, ""),
                Boolean.parseBoolean(values.getOrDefault(Option.INIT_REQUIRED, "false")),
                collections == null || collections.isEmpty() ? null : Path.of(collections),
                values.getOrDefault(Option.PACKAGE_ID, ""),
                parameterFile == null || parameterFile.isEmpty() ? null : Path.of(parameterFile),
                Boolean.parseBoolean(values.getOrDefault(Option.PIN_PLUGINS, "false")),
                pin(values.getOrDefault(Option.ENDORSEMENT_PIN, ""), "--escc-pin"),
                pin(values.getOrDefault(Option.VALIDATION_PIN, ""), "--vscc-pin"));
    }

    private static String pin(String text, String option) throws CliOptionException {
        if (text.isEmpty()) {
            return text;
        }
        try {
            return PluginIdentity.parsePin(text).pinText();
        } catch (IllegalArgumentException e) {
            throw new CliOptionException(option + ": " + e.getMessage(), e);
        }
    }

    /**
     * These options with the plugins pinned to the given identities (what the peer running {@code --pin-plugins}
     * has installed), except where {@code --escc-pin}/{@code --vscc-pin} named a pin explicitly.
     */
    public LifecycleOptions pinnedTo(PluginIdentity endorsement, PluginIdentity validation) {
        return new LifecycleOptions(name, version, sequence, endorsementPlugin, validationPlugin, signaturePolicy,
                channelConfigPolicy, initRequired, collectionsConfig, packageId, validationParameterFile, false,
                endorsementPin.isEmpty() ? endorsement.pinText() : endorsementPin,
                validationPin.isEmpty() ? validation.pinText() : validationPin);
    }

    /** The endorsement plugin's name (given or the default), which a pin and the peer's handlers refer to. */
    public String endorsementPluginName() {
        return endorsementPlugin.isEmpty() ? DEFAULT_ENDORSEMENT_PLUGIN : endorsementPlugin;
    }

    /** The validation plugin's name (given or the default). */
    public String validationPluginName() {
        return validationPlugin.isEmpty() ? DEFAULT_VALIDATION_PLUGIN : validationPlugin;
    }

    /**
     * The definition's endorsement plugin string: as given when not pinned (so unpinned definitions are exactly
     * Fabric's), else {@code <name>@<pin>} (see {@code weft.runtime.handlers.PluginReference}).
     */
    public String definitionEndorsementPlugin() {
        return endorsementPin.isEmpty() ? endorsementPlugin : endorsementPluginName() + "@" + endorsementPin;
    }

    /** The definition's validation plugin string, as {@link #definitionEndorsementPlugin()}. */
    public String definitionValidationPlugin() {
        return validationPin.isEmpty() ? validationPlugin : validationPluginName() + "@" + validationPin;
    }

    /** The arguments of {@code ApproveChaincodeDefinitionForMyOrg}. */
    public ApproveChaincodeDefinitionForMyOrgArgs approveArgs() throws CliOptionException {
        requireDefinition();
        ApproveChaincodeDefinitionForMyOrgArgs.Builder args = ApproveChaincodeDefinitionForMyOrgArgs.newBuilder()
                .setName(name).setVersion(version).setSequence(sequence)
                .setEndorsementPlugin(definitionEndorsementPlugin()).setValidationPlugin(definitionValidationPlugin())
                .setValidationParameter(validationParameter())
                .setInitRequired(initRequired)
                .setSource(packageId.isEmpty()
                        ? ChaincodeSource.newBuilder().setUnavailable(ChaincodeSource.Unavailable.getDefaultInstance()).build()
                        : ChaincodeSource.newBuilder().setLocalPackage(
                                ChaincodeSource.Local.newBuilder().setPackageId(packageId)).build());
        CollectionConfigPackage collections = collections();
        if (collections != null) {
            args.setCollections(collections);
        }
        return args.build();
    }

    /** The arguments of {@code CheckCommitReadiness}; a package id is not part of them. */
    public CheckCommitReadinessArgs checkCommitReadinessArgs() throws CliOptionException {
        requireDefinition();
        CheckCommitReadinessArgs.Builder args = CheckCommitReadinessArgs.newBuilder()
                .setName(name).setVersion(version).setSequence(sequence)
                .setEndorsementPlugin(definitionEndorsementPlugin()).setValidationPlugin(definitionValidationPlugin())
                .setValidationParameter(validationParameter())
                .setInitRequired(initRequired);
        CollectionConfigPackage collections = collections();
        if (collections != null) {
            args.setCollections(collections);
        }
        return args.build();
    }

    /** The arguments of {@code CommitChaincodeDefinition}; a package id is not part of them. */
    public CommitChaincodeDefinitionArgs commitArgs() throws CliOptionException {
        requireDefinition();
        CommitChaincodeDefinitionArgs.Builder args = CommitChaincodeDefinitionArgs.newBuilder()
                .setName(name).setVersion(version).setSequence(sequence)
                .setEndorsementPlugin(definitionEndorsementPlugin()).setValidationPlugin(definitionValidationPlugin())
                .setValidationParameter(validationParameter())
                .setInitRequired(initRequired);
        CollectionConfigPackage collections = collections();
        if (collections != null) {
            args.setCollections(collections);
        }
        return args.build();
    }

    /** Fabric's CLI checks: a name, a version and a non-zero sequence. */
    private void requireDefinition() throws CliOptionException {
        if (pinPlugins) {
            throw new CliOptionException("--pin-plugins: the peer running the command has not filled in the pins");
        }
        if (name.isEmpty()) {
            throw new CliOptionException("The required parameter 'name' is empty. Rerun the command with -n flag");
        }
        if (version.isEmpty()) {
            throw new CliOptionException("The required parameter 'version' is empty. Rerun the command with -v flag");
        }
        if (sequence == 0) {
            throw new CliOptionException("The required parameter 'sequence' is empty. Rerun the command with "
                    + "--sequence flag");
        }
    }

    /**
     * The marshalled {@code ApplicationPolicy} for {@code --signature-policy} or {@code --channel-config-policy},
     * or the bytes of {@code --validation-parameter-file}; empty when none is given (the peer then uses the
     * channel's default).
     */
    public ByteString validationParameter() throws CliOptionException {
        if (validationParameterFile != null) {
            if (!signaturePolicy.isEmpty() || !channelConfigPolicy.isEmpty()) {
                throw new CliOptionException("cannot specify \"--validation-parameter-file\" together with "
                        + "\"--signature-policy\" or \"--channel-config-policy\"");
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(validationParameterFile);
            } catch (IOException e) {
                throw new CliOptionException("cannot read --validation-parameter-file " + validationParameterFile
                        + ": " + e.getMessage(), e);
            }
            if (bytes.length == 0) {
                throw new CliOptionException("--validation-parameter-file " + validationParameterFile + " is empty");
            }
            return ByteString.copyFrom(bytes);
        }
        ApplicationPolicy policy = applicationPolicy(signaturePolicy, channelConfigPolicy);
        return policy == null ? ByteString.EMPTY : policy.toByteString();
    }

    /** The collections of {@code --collections-config}, or null when none was given. */
    private CollectionConfigPackage collections() throws CliOptionException {
        return collectionsConfig == null ? null : CollectionsConfig.fromFile(collectionsConfig);
    }

    /** Fabric's rule for an endorsement policy given either as policy text or as a channel policy path. */
    static ApplicationPolicy applicationPolicy(String signaturePolicy, String channelConfigPolicy)
            throws CliOptionException {
        if (signaturePolicy.isEmpty() && channelConfigPolicy.isEmpty()) {
            return null;
        }
        if (!signaturePolicy.isEmpty() && !channelConfigPolicy.isEmpty()) {
            throw new CliOptionException("cannot specify both \"--signature-policy\" and \"--channel-config-policy\"");
        }
        if (!channelConfigPolicy.isEmpty()) {
            return ApplicationPolicy.newBuilder().setChannelConfigPolicyReference(channelConfigPolicy).build();
        }
        try {
            return ApplicationPolicy.newBuilder().setSignaturePolicy(PolicyParser.parse(signaturePolicy)).build();
        } catch (PolicySyntaxException e) {
            throw new CliOptionException("invalid signature policy: " + signaturePolicy + " (" + e.getMessage() + ")", e);
        }
    }
}
