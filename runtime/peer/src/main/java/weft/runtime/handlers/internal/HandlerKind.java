package weft.runtime.handlers.internal;

/** The kinds of handler core.yaml configures, with the words used for them in config paths and messages. */
enum HandlerKind {
    ENDORSER("endorser", "endorsers", "endorsement plugin"),
    VALIDATOR("validator", "validators", "validation plugin"),
    AUTH_FILTER("authFilter", "authFilters", "auth filter"),
    DECORATOR("decorator", "decorators", "decorator");

    private final String label;
    private final String section;
    private final String noun;

    HandlerKind(String label, String section, String noun) {
        this.label = label;
        this.section = section;
        this.noun = noun;
    }

    /** As shown in {@code handlers list}. */
    String label() {
        return label;
    }

    /** The key of its section under {@code peer.handlers}. */
    String section() {
        return section;
    }

    /** What one of them is called in a sentence. */
    String noun() {
        return noun;
    }

    /** The noun with its indefinite article. */
    String aNoun() {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
