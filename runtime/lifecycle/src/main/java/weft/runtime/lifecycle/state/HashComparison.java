package weft.runtime.lifecycle.state;

import java.util.List;

/**
 * Whether an organisation's private state holds exactly a given structure, judged by hashes alone, and if not,
 * which parts differ: the type name when even the metadata differs (nothing or something else is stored there),
 * otherwise the names of the fields whose hashes differ.
 */
public record HashComparison(List<String> mismatches) {

    public HashComparison {
        mismatches = List.copyOf(mismatches);
    }

    /** True when every hash matched. */
    public boolean matches() {
        return mismatches.isEmpty();
    }
}
