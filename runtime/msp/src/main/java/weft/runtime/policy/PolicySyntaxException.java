package weft.runtime.policy;

/** Policy text does not parse; {@link #position()} is the 0-based character where the problem was found. */
public class PolicySyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int position;

    public PolicySyntaxException(String problem, int position) {
        super("at position " + position + ": " + problem);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
