package dev.hoist.cli;

/** A command line that hoist cannot act on: exit status 2, message only. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
