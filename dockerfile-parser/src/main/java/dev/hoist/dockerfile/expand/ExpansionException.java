package dev.hoist.dockerfile.expand;

/** A word could not be expanded: bad syntax such as {@code ${}}, an unterminated quote or a failed {@code ${VAR:?}}. */
public final class ExpansionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExpansionException(String message) {
        super(message);
    }
}
