package weft.runtime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code peer.handlers} section of {@code core.yaml}, as Fabric defines it.
 *
 * @param authFilters ordered auth filters applied to proposals
 * @param decorators  ordered decorators applied to chaincode input
 * @param endorsers   plugin name (what chaincode definitions refer to, e.g. {@code escc}) to handler, in file order
 * @param validators  plugin name (e.g. {@code vscc}) to handler, in file order
 */
public record HandlersConfig(List<HandlerSpec> authFilters, List<HandlerSpec> decorators,
                             Map<String, HandlerSpec> endorsers, Map<String, HandlerSpec> validators) {

    public HandlersConfig {
        authFilters = List.copyOf(authFilters);
        decorators = List.copyOf(decorators);
        // Map.copyOf would lose the file order, which `handlers list` shows.
        endorsers = Collections.unmodifiableMap(new LinkedHashMap<>(endorsers));
        validators = Collections.unmodifiableMap(new LinkedHashMap<>(validators));
    }
}
