package weft.runtime.channel.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import weft.api.ordering.BatchConfig;
import weft.api.ordering.BatchSize;
import weft.runtime.channel.ChannelClient;
import weft.runtime.channel.ChannelException;
import weft.runtime.channel.ChannelHost;
import weft.runtime.channel.CommitStatus;
import weft.runtime.channel.GenesisBlocks;
import weft.runtime.config.DevNetworkSettings;
import weft.runtime.configtx.ChannelProfile;
import weft.runtime.configtx.OrdererSettings;
import weft.runtime.configtx.Organization;
import weft.runtime.crypto.Curve;
import weft.runtime.cryptogen.CryptoMaterialGenerator;
import weft.runtime.cryptogen.CryptoSpec;
import weft.runtime.lifecycle.PackageInstallException;
import weft.runtime.lifecycle.cli.CliOptionException;
import weft.runtime.lifecycle.cli.LifecycleOptions;
import weft.runtime.msp.LocalSigningIdentity;
import weft.runtime.msp.MspConfigException;

/**
 * The development network of {@code peer.devNetwork}: on a fresh data directory, crypto material (an orderer
 * organisation and Org1, as {@code weft-peer crypto generate --orgs 1}), the channel (this node orders it), and
 * the configured chaincode deployed through the lifecycle — install, approve for Org1, commit, sequence 1 — and
 * initialised. Each step is skipped when its result exists, so a later start only reopens the channel.
 */
final class DevNetwork {

    static final String CRYPTO = "crypto";
    static final String ORDERER_ORG_MSP = "crypto/ordererOrganizations/example.com/msp";
    static final String ORG1_MSP = "crypto/peerOrganizations/org1.example.com/msp";
    static final String ORG1_ADMIN_MSP = "crypto/peerOrganizations/org1.example.com/users/Admin@org1.example.com/msp";

    private DevNetwork() {
    }

    /** Generates the crypto material unless the data directory has it. */
    static List<String> ensureCrypto(Path data) throws IOException {
        Path crypto = data.resolve(CRYPTO);
        if (Files.exists(crypto)) {
            return List.of();
        }
        new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(1, 1, 1, 1, true, Curve.P256, Duration.ofDays(3650)));
        return List.of("devNetwork: generated crypto material for OrdererMSP and Org1MSP in " + crypto);
    }

    /** Creates the channel and deploys the chaincode when the host does not have the channel yet. */
    static List<String> ensureChannel(ChannelHost host, Path data, DevNetworkSettings settings, Duration timeout)
            throws ChannelException {
        List<String> lines = new ArrayList<>();
        if (host.channels().contains(settings.channel())) {
            return lines;
        }
        try {
            ChannelProfile profile = new ChannelProfile(settings.channel(),
                    List.of(Organization.fromMspFolder(data.resolve(ORDERER_ORG_MSP), "OrdererMSP")),
                    List.of(Organization.fromMspFolder(data.resolve(ORG1_MSP), "Org1MSP")),
                    new OrdererSettings(settings.consensusType(), ByteString.EMPTY, new BatchConfig(new BatchSize(
                            settings.maxMessageCount(), BatchSize.DEFAULT.absoluteMaxBytes(),
                            BatchSize.DEFAULT.preferredMaxBytes()), settings.batchTimeout())),
                    List.of());
            host.join(GenesisBlocks.of(profile));
        } catch (MspConfigException | IllegalArgumentException e) {
            throw new ChannelException("devNetwork: cannot create channel " + settings.channel() + ": " + e.getMessage(), e);
        }
        lines.add("devNetwork: created channel " + settings.channel() + " (" + settings.consensusType() + ", Org1MSP, "
                + "orderer OrdererMSP)");
        if (settings.chaincode().isPresent()) {
            lines.addAll(deploy(host, data, settings.channel(), settings.chaincode().get(), timeout));
        }
        return lines;
    }

    private static List<String> deploy(ChannelHost host, Path data, String channel,
                                       DevNetworkSettings.DevChaincode chaincode, Duration timeout)
            throws ChannelException {
        List<String> lines = new ArrayList<>();
        try {
            LocalSigningIdentity admin = Identities.load(data.resolve(ORG1_ADMIN_MSP), "Org1MSP");
            ChannelClient client = new ChannelClient(host, admin, timeout);
            byte[] jar = Files.readAllBytes(chaincode.packageJar());
            String packageId = client.install(channel, ByteString.copyFrom(BundlePackages.labelled(jar, chaincode.label())));
            LifecycleOptions options = LifecycleOptions.parse(List.of("-n", chaincode.name(), "-v", chaincode.version(),
                    "--sequence", "1", "--package-id", packageId));
            CommitStatus approved = client.approveForMyOrg(channel, options);
            CommitStatus committed = client.commitDefinition(channel, options);
            lines.add("devNetwork: deployed chaincode " + chaincode.name() + " " + chaincode.version() + " (package "
                    + packageId + "): approved in block " + approved.blockNumber() + ", committed in block "
                    + committed.blockNumber());
            if (!chaincode.initFunction().isEmpty()) {
                CommitStatus init = client.submitStrings(channel, chaincode.name(), List.of(chaincode.initFunction()))
                        .status();
                lines.add("devNetwork: " + chaincode.initFunction() + " committed in block " + init.blockNumber() + " ("
                        + init.code() + ")");
            }
        } catch (IOException e) {
            throw new ChannelException("devNetwork: cannot read chaincode package " + chaincode.packageJar() + ": "
                    + e.getMessage(), e);
        } catch (PackageInstallException | CliOptionException | ChannelClient.ClientException | MspConfigException e) {
            throw new ChannelException("devNetwork: deploying chaincode " + chaincode.name() + " failed: "
                    + e.getMessage(), e);
        }
        return lines;
    }

    /** A one-line summary of an asset-transfer chaincode's assets (ids and owners), or why there is none. */
    static String assets(ChannelHost host, Path data, String channel, String chaincode, Duration timeout) {
        try {
            LocalSigningIdentity admin = Identities.load(data.resolve(ORG1_ADMIN_MSP), "Org1MSP");
            String json = new ChannelClient(host, admin, timeout)
                    .evaluateStrings(channel, chaincode, List.of("GetAllAssets")).toStringUtf8();
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonArray()) {
                return json;
            }
            JsonArray array = parsed.getAsJsonArray();
            List<String> items = new ArrayList<>();
            for (JsonElement element : array) {
                if (element.isJsonObject() && element.getAsJsonObject().has("ID")) {
                    items.add(element.getAsJsonObject().get("ID").getAsString()
                            + (element.getAsJsonObject().has("Owner")
                            ? " (" + element.getAsJsonObject().get("Owner").getAsString() + ")" : ""));
                } else {
                    items.add(element.toString());
                }
            }
            return array.size() + " assets: " + String.join(", ", items);
        } catch (Exception e) {
            return "assets not readable: " + e.getMessage();
        }
    }
}
