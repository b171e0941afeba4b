package weft.api.chaincode;

import java.util.List;
import java.util.Objects;

/**
 * One page of a paginated query: the entries and the bookmark to pass for the next page (empty when there is
 * none). Pagination is for read-only queries: Fabric refuses it in a transaction that is submitted for
 * ordering, because the page boundary could not be re-checked at validation.
 */
public record Page(List<KeyValue> entries, String bookmark) {

    public Page {
        entries = List.copyOf(entries);
        Objects.requireNonNull(bookmark, "bookmark");
    }

    /** How many entries this page holds (Fabric's {@code fetched_records_count}). */
    public int fetchedCount() {
        return entries.size();
    }
}
