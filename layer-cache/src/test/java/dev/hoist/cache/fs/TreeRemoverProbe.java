package dev.hoist.cache.fs;

import java.io.IOException;
import java.nio.file.Path;

/** {@link TreeRemover#delete} in a process of its own, for {@link TreeRemoverTest} to start without root's file capabilities. */
public final class TreeRemoverProbe {
  private TreeRemoverProbe() {}

  public static void main(String[] args) {
    try {
      TreeRemover.delete(Path.of(args[0]));
      System.out.println("deleted");
    } catch (IOException e) {
      System.out.println("error " + e.getMessage());
      System.exit(1);
    }
  }
}
