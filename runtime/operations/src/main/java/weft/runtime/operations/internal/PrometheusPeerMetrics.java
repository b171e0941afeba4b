package weft.runtime.operations.internal;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import weft.runtime.channel.ChannelHost;
import weft.runtime.metrics.PeerMetrics;

/**
 * The peer's metrics in Prometheus's data model, under Fabric's metric names where Fabric has the metric
 * ({@code ledger_*}, {@code endorser_*}) and {@code weft_*} names for the rest. Registered as the
 * {@link PeerMetrics} service the peer's bundles record to; {@link #scrape} renders Prometheus's text format for
 * {@code /metrics}. One registry per instance: nothing is global.
 */
@Component(service = {PeerMetrics.class, PrometheusPeerMetrics.class})
public final class PrometheusPeerMetrics implements PeerMetrics {

    private static final double NANOS_PER_SECOND = 1e9;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    // Heights seen in commits, for channels the bound ChannelHost does not report (or when none is bound).
    private final Map<String, Long> committedHeights = new ConcurrentHashMap<>();
    private volatile ChannelHost host;

    private final Counter blocksCommitted;
    private final Counter transactions;
    private final Histogram blockProcessing;
    private final Histogram pluginDuration;
    private final Counter proposalsReceived;
    private final Counter successfulProposals;
    private final Histogram proposalDuration;
    private final Counter pluginSwaps;

    public PrometheusPeerMetrics() {
        blocksCommitted = Counter.builder().name("weft_blocks_committed")
                .help("Blocks validated and committed to the channel's ledger since the peer started.")
                .labelNames("channel").withoutExemplars().register(registry);
        transactions = Counter.builder().name("ledger_transaction_count")
                .help("Number of transactions committed, by validation code.")
                .labelNames("channel", "validation_code").withoutExemplars().register(registry);
        blockProcessing = Histogram.builder().name("ledger_block_processing_time")
                .help("Time taken in seconds to validate and commit a block.")
                .labelNames("channel").classicOnly().withoutExemplars().register(registry);
        pluginDuration = Histogram.builder().name("weft_validation_plugin_duration")
                .help("Time taken in seconds by a validation plugin to decide on one transaction's namespace.")
                .labelNames("channel", "plugin", "valid").classicOnly().withoutExemplars().register(registry);
        proposalsReceived = Counter.builder().name("endorser_proposals_received")
                .help("The number of proposals received.").withoutExemplars().register(registry);
        successfulProposals = Counter.builder().name("endorser_successful_proposals")
                .help("The number of successful proposals.").withoutExemplars().register(registry);
        proposalDuration = Histogram.builder().name("endorser_proposal_duration")
                .help("The time to complete a proposal.")
                .labelNames("channel", "chaincode", "success").classicOnly().withoutExemplars().register(registry);
        pluginSwaps = Counter.builder().name("weft_plugin_swaps")
                .help("Times the plugin instance behind a handler was replaced by one from another factory service.")
                .labelNames("kind", "plugin", "channel").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("ledger_blockchain_height").help("Height of the chain in blocks.")
                .labelNames("channel").callback(callback -> heights().forEach((channel, height) ->
                        callback.call(height, channel))).register(registry);
    }

    /** The channels, when they are open: their heights come from the ledgers themselves. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindHost(ChannelHost channels) {
        host = channels;
    }

    void unbindHost(ChannelHost channels) {
        if (host == channels) {
            host = null;
        }
    }

    private Map<String, Long> heights() {
        Map<String, Long> heights = new ConcurrentHashMap<>(committedHeights);
        ChannelHost channels = host;
        if (channels != null) {
            for (String channel : channels.channels()) {
                heights.put(channel, channels.height(channel));
            }
        }
        return heights;
    }

    @Override
    public void blockCommitted(String channel, long height, long commitNanos, Map<String, Integer> transactionsByCode) {
        blocksCommitted.labelValues(channel).inc();
        blockProcessing.labelValues(channel).observe(commitNanos / NANOS_PER_SECOND);
        transactionsByCode.forEach((code, count) -> transactions.labelValues(channel, code).inc(count));
        committedHeights.merge(channel, height, Math::max);
    }

    @Override
    public void validationPluginCall(String channel, String plugin, long nanos, boolean valid) {
        pluginDuration.labelValues(channel, plugin, Boolean.toString(valid)).observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public void proposalProcessed(String channel, String chaincode, long nanos, boolean success) {
        proposalsReceived.inc();
        if (success) {
            successfulProposals.inc();
        }
        proposalDuration.labelValues(channel, chaincode, Boolean.toString(success)).observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public void pluginSwapped(String kind, String plugin, String channel) {
        pluginSwaps.labelValues(kind, plugin, channel).inc();
    }

    /** The content type of {@link #scrape}'s output. */
    String contentType() {
        return writer.getContentType();
    }

    /** Every metric now, in Prometheus's text exposition format (0.0.4). */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Prometheus metrics";
    }
}
