package dev.hoist.runtime.user;

import java.util.List;

/** The numeric identity a process runs with, as {@code USER} resolves through passwd and group. */
public record ResolvedUser(int uid, int gid, List<Integer> additionalGids, String home) {
  public ResolvedUser {
    additionalGids = List.copyOf(additionalGids);
  }

  public static ResolvedUser root() {
    return new ResolvedUser(0, 0, List.of(), "/root");
  }
}
