package dev.hoist.runtime.snapshot;

import dev.hoist.runtime.userns.UserNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whole-tree copies and removals, and other coreutils commands over trees, inside the rootless user namespace when there is
 * one, so that files owned by subordinate ids can be copied with their owners and removed (and a RUN mount's folder,
 * secret or socket given its owner).
 */
public final class TreeCommands {
  private final UserNamespace userns;

  public TreeCommands(UserNamespace userns) {
    this.userns = userns;
  }

  /** A command that ran and exited non-zero; {@link #output()} is what it printed. */
  public static final class CommandFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String output;

    CommandFailedException(String what, String output) {
      super(what + " failed: " + output);
      this.output = output;
    }

    public String output() {
      return output;
    }
  }

  /** Copies what {@code from} holds (a folder's content, or one file) into the folder {@code to}, with owners, modes and times. */
  public void copyContents(Path from, Path to) throws IOException {
    String source = Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? from + "/." : from.toString();
    run(List.of("cp", "-a", "--reflink=auto", "--", source, to.toString()));
  }

  /** Copies the file or folder {@code from} to the new path {@code to}, with owners, modes and times. */
  public void copy(Path from, Path to) throws IOException {
    run(List.of("cp", "-a", "--reflink=auto", "--", from.toString(), to.toString()));
  }

  public void delete(Path dir) throws IOException {
    if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      run(List.of("rm", "-rf", "--", dir.toString()));
    }
  }

  /**
   * Starts removing {@code dir} and returns at once: on disks mounted with {@code discard} each
   * rmdir can take milliseconds, and nothing waits for a finished snapshot to be gone. The folder
   * is renamed away first so its name is free at once.
   */
  Optional<Process> deleteInBackground(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Path trash = dir.resolveSibling(".trash-" + dir.getFileName());
    Files.move(dir, trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return Optional.of(new ProcessBuilder(command(List.of("rm", "-rf", "--", trash.toString())))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start());
  }

  private List<String> command(List<String> command) {
    List<String> full = new ArrayList<>();
    if (userns.rootless()) {
      full.add("unshare");
      full.addAll(userns.unshareArgs());
      full.add("--");
    }
    full.addAll(command);
    return full;
  }

  private void run(List<String> command) throws IOException {
    run(command, String.join(" ", command));
  }

  /**
   * Runs {@code command} (in the namespace when rootless); a failure is a {@link CommandFailedException}
   * naming {@code what} and the output.
   */
  public void run(List<String> command, String what) throws IOException {
    List<String> full = command(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (p.waitFor() != 0) {
        throw new CommandFailedException(what, out);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + what, e);
    }
  }
}
