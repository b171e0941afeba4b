package weft.runtime.operations.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusPeerMetricsTest {

    private final PrometheusPeerMetrics metrics = new PrometheusPeerMetrics();

    private String scrape() {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void committedBlocksCountBlocksTransactionsByCodeAndTheHeight() {
        metrics.blockCommitted("mychannel", 2, 5_000_000, Map.of("VALID", 3));
        metrics.blockCommitted("mychannel", 3, 7_000_000, Map.of("VALID", 1, "MVCC_READ_CONFLICT", 2));

        String text = scrape();

        assertTrue(text.contains("# TYPE weft_blocks_committed_total counter"), text);
        assertTrue(text.contains("weft_blocks_committed_total{channel=\"mychannel\"} 2.0"), text);
        assertTrue(text.contains("ledger_transaction_count_total{channel=\"mychannel\",validation_code=\"VALID\"} 4.0"), text);
        assertTrue(text.contains("ledger_transaction_count_total{channel=\"mychannel\",validation_code=\"MVCC_READ_CONFLICT\"} 2.0"), text);
        assertTrue(text.contains("ledger_blockchain_height{channel=\"mychannel\"} 3.0"), text);
        assertTrue(text.contains("ledger_block_processing_time_count{channel=\"mychannel\"} 2"), text);
        assertTrue(text.contains("ledger_block_processing_time_sum{channel=\"mychannel\"} 0.012"), text);
    }

    @Test
    void validationTimeIsRecordedPerPluginAndVerdict() {
        metrics.validationPluginCall("mychannel", "vscc", 2_000_000, true);
        metrics.validationPluginCall("mychannel", "utxo", 1_000_000, false);

        String text = scrape();

        assertTrue(text.contains("# TYPE weft_validation_plugin_duration histogram"), text);
        assertTrue(text.contains("weft_validation_plugin_duration_bucket{channel=\"mychannel\",plugin=\"vscc\",valid=\"true\",le=\"0.005\"} 1"), text);
        assertTrue(text.contains("weft_validation_plugin_duration_count{channel=\"mychannel\",plugin=\"utxo\",valid=\"false\"} 1"), text);
    }

    @Test
    void proposalsUseFabricsEndorserMetricNames() {
        metrics.proposalProcessed("mychannel", "basic", 30_000_000, true);
        metrics.proposalProcessed("mychannel", "basic", 10_000_000, false);

        String text = scrape();

        assertTrue(text.contains("endorser_proposals_received_total 2.0"), text);
        assertTrue(text.contains("endorser_successful_proposals_total 1.0"), text);
        assertTrue(text.contains("endorser_proposal_duration_count{chaincode=\"basic\",channel=\"mychannel\",success=\"true\"} 1"), text);
        assertTrue(text.contains("endorser_proposal_duration_bucket{chaincode=\"basic\",channel=\"mychannel\",success=\"false\",le=\"+Inf\"} 1"), text);
    }

    @Test
    void pluginSwapsAreCountedPerHandlerAndChannel() {
        metrics.pluginSwapped("validator", "vscc", "mychannel");
        metrics.pluginSwapped("validator", "vscc", "mychannel");

        assertTrue(scrape().contains("weft_plugin_swaps_total{channel=\"mychannel\",kind=\"validator\",plugin=\"vscc\"} 2.0"),
                scrape());
    }

    @Test
    void theOutputIsPrometheusTextFormat() {
        assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.contentType());
        assertTrue(scrape().contains("# HELP endorser_proposals_received_total The number of proposals received."),
                scrape());
    }
}
