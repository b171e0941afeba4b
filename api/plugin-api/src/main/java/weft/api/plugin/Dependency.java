package weft.api.plugin;

/**
 * Marks something the peer hands a plugin in {@code init}: a signing identity fetcher, a state fetcher, an
 * identity deserializer, a policy evaluator. A plugin picks the dependencies it needs by type and ignores the
 * others, so the peer can add new kinds without breaking existing plugins; see {@link Dependencies}.
 */
public interface Dependency {
}
