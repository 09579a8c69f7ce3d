package dev.hoist.oci;

/**
 * An error the user can fix. Its message is one line that says what is wrong and where: a file,
 * line and column, or a registry, repository and HTTP status. The CLI prints only the message
 * (no stack trace unless {@code --debug}) and exits with status 1.
 */
public class HoistException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HoistException(String message) {
    super(message);
  }

  public HoistException(String message, Throwable cause) {
    super(message, cause);
  }
}
