package dev.hoist.runtime.mount;

import dev.hoist.runtime.spec.SpecMount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec mounts and environment variables that realise a RUN's mounts, and what to undo after
 * the run: locks to release, secret files and throw-away copies to delete.
 */
public final class PlannedMounts implements AutoCloseable {
  /** Something to undo after the run. */
  @FunctionalInterface
  interface Cleanup {
    void run() throws IOException;
  }

  private final List<SpecMount> mounts = new ArrayList<>();
  private final List<String> env = new ArrayList<>();
  private final List<Cleanup> cleanups = new ArrayList<>();

  public List<SpecMount> mounts() {
    return List.copyOf(mounts);
  }

  /** {@code KEY=value} entries to add to the process environment (secret env, SSH_AUTH_SOCK). */
  public List<String> env() {
    return List.copyOf(env);
  }

  void add(SpecMount m) {
    mounts.add(m);
  }

  void addEnv(String kv) {
    env.add(kv);
  }

  void onClose(Cleanup c) {
    cleanups.add(c);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (int i = cleanups.size() - 1; i >= 0; i--) {
      try {
        cleanups.get(i).run();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    cleanups.clear();
    if (first != null) {
      throw first;
    }
  }
}
