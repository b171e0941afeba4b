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
import org.hyperledger.fabric.protos.common.Block;
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
 * organisation and Org1..OrgN, as {@code weft-peer crypto generate --orgs N}), the channel (this node orders it,
 * Org1's peer runs on it; each other organisation's peer follows it over the network), and the configured chaincode
 * deployed through the lifecycle as Fabric's test network does it — each organisation installs and approves on its
 * own peer, the definition is committed with every peer's endorsement, sequence 1 — and initialised. Each step is
 * skipped when its result exists, so a later start only reopens the channel.
 */
final class DevNetwork {

    static final String CRYPTO = "crypto";
    static final String ORDERER_ORG_MSP = "crypto/ordererOrganizations/example.com/msp";
    static final String ORG1_ADMIN_MSP = adminMsp(1);

    private DevNetwork() {
    }

    /** Org{@code n}'s MSP id. */
    static String mspId(int organization) {
        return "Org" + organization + "MSP";
    }

    /** Org{@code n}'s organisation MSP folder (relative to the data directory). */
    static String organizationMsp(int organization) {
        return "crypto/peerOrganizations/org" + organization + ".example.com/msp";
    }

    /** Org{@code n}'s admin's MSP folder (relative to the data directory). */
    static String adminMsp(int organization) {
        return "crypto/peerOrganizations/org" + organization + ".example.com/users/Admin@org" + organization
                + ".example.com/msp";
    }

    /** The folder of Org{@code n}'s peer ({@code msp/}, {@code tls/}), relative to the data directory. */
    static String peerFolder(int organization) {
        return "crypto/peerOrganizations/org" + organization + ".example.com/peers/peer0.org" + organization
                + ".example.com";
    }

    /** Where Org{@code n}'s peer (n > 1) keeps its ledger, under the data directory. */
    static Path peerData(Path data, int organization) {
        return data.resolve("org" + organization);
    }

    /** Generates the crypto material unless the data directory has it. */
    static List<String> ensureCrypto(Path data, int organizations) throws IOException {
        Path crypto = data.resolve(CRYPTO);
        if (Files.exists(crypto)) {
            return List.of();
        }
        new CryptoMaterialGenerator(new SecureRandom()).generate(crypto,
                new CryptoSpec(organizations, 1, 1, 1, true, Curve.P256, Duration.ofDays(3650)));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= organizations; i++) {
            ids.add(mspId(i));
        }
        return List.of("devNetwork: generated crypto material for OrdererMSP and " + String.join(", ", ids) + " in "
                + crypto);
    }

    /**
     * Creates the channel on the ordering node's host when it does not have it yet.
     *
     * @return whether the channel was created now (and the chaincode is still to be deployed)
     */
    static boolean ensureChannel(ChannelHost host, Path data, DevNetworkSettings settings, List<String> lines)
            throws ChannelException {
        if (host.channels().contains(settings.channel())) {
            return false;
        }
        try {
            List<Organization> organizations = new ArrayList<>();
            for (int i = 1; i <= settings.organizations(); i++) {
                organizations.add(Organization.fromMspFolder(data.resolve(organizationMsp(i)), mspId(i)));
            }
            ChannelProfile profile = new ChannelProfile(settings.channel(),
                    List.of(Organization.fromMspFolder(data.resolve(ORDERER_ORG_MSP), "OrdererMSP")),
                    organizations,
                    new OrdererSettings(settings.consensusType(), ByteString.EMPTY, new BatchConfig(new BatchSize(
                            settings.maxMessageCount(), BatchSize.DEFAULT.absoluteMaxBytes(),
                            BatchSize.DEFAULT.preferredMaxBytes()), settings.batchTimeout())),
                    List.of(settings.ordererAddress()));
            host.join(GenesisBlocks.of(profile));
        } catch (MspConfigException | IllegalArgumentException e) {
            throw new ChannelException("devNetwork: cannot create channel " + settings.channel() + ": " + e.getMessage()
                    + (settings.organizations() > 1 ? " (crypto material made for fewer organisations? start with an "
                    + "empty data directory)" : ""), e);
        }
        lines.add("devNetwork: created channel " + settings.channel() + " (" + settings.consensusType() + ", "
                + settings.organizations() + " organisation(s), orderer OrdererMSP at " + settings.ordererAddress() + ")");
        return true;
    }

    /** Joins another organisation's peer to the channel, from the genesis block the ordering node's host keeps. */
    static void ensureJoined(ChannelHost peer, Path data, String channel) throws ChannelException {
        if (peer.channels().contains(channel)) {
            return;
        }
        Path genesis = data.resolve("channels").resolve(channel).resolve("genesis.block");
        try {
            peer.join(Block.parseFrom(Files.readAllBytes(genesis)));
        } catch (IOException e) {
            throw new ChannelException("devNetwork: cannot read the genesis block " + genesis + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deploys the chaincode: every organisation installs it on its peer and approves it there; Org1's admin then
     * commits the definition and runs the init function, endorsed by every organisation's peer.
     *
     * @param peers each organisation's peer, Org1's first
     */
    static List<String> deploy(List<ChannelHost> peers, Path data, String channel,
                               DevNetworkSettings.DevChaincode chaincode, Duration timeout) throws ChannelException {
        List<String> lines = new ArrayList<>();
        try {
            byte[] jar = Files.readAllBytes(chaincode.packageJar());
            ByteString labelled = ByteString.copyFrom(BundlePackages.labelled(jar, chaincode.label()));
            String packageId = null;
            LifecycleOptions options = null;
            List<Long> approvals = new ArrayList<>();
            for (int i = 1; i <= peers.size(); i++) {
                ChannelClient admin = client(peers, i, data, timeout);
                packageId = admin.install(channel, labelled);
                if (options == null) {
                    options = LifecycleOptions.parse(List.of("-n", chaincode.name(), "-v", chaincode.version(),
                            "--sequence", "1", "--package-id", packageId));
                }
                approvals.add(admin.approveForMyOrg(channel, options).blockNumber());
            }
            ChannelClient org1 = client(peers, 1, data, timeout);
            CommitStatus committed = org1.commitDefinition(channel, options);
            lines.add("devNetwork: deployed chaincode " + chaincode.name() + " " + chaincode.version() + " (package "
                    + packageId + "): approved by " + peers.size() + " organisation(s) in block(s) " + approvals
                    + ", committed in block " + committed.blockNumber());
            if (!chaincode.initFunction().isEmpty()) {
                CommitStatus init = org1.submitStrings(channel, chaincode.name(), List.of(chaincode.initFunction()))
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

    /** A client of Org{@code n}'s admin on its own peer, whose transactions every other peer endorses too. */
    private static ChannelClient client(List<ChannelHost> peers, int organization, Path data, Duration timeout)
            throws MspConfigException {
        LocalSigningIdentity admin = Identities.load(data.resolve(adminMsp(organization)), mspId(organization));
        List<ChannelHost> others = new ArrayList<>(peers);
        ChannelHost own = others.remove(organization - 1);
        return new ChannelClient(own, others, admin, timeout);
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
