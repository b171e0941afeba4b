package weft.api.validation;

/** Marks something the committer passes to {@link ValidationPlugin#validate} about the namespace being validated. */
public interface ContextDatum {
}
