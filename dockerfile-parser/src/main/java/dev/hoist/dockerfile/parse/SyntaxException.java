package dev.hoist.dockerfile.parse;

/** A problem found while splitting one instruction line; the parser adds the file and position. */
final class SyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
        super(message);
    }
}
