package dev.hoist.runtime.userns;

import java.util.List;

/**
 * How ids inside a user namespace map to ids on the host. Root runs with the identity mapping;
 * rootless runs map container root to the user and, with {@code /etc/subuid} entries, container
 * ids 1..n to the user's subordinate range. Files a rootless run writes are owned by host ids;
 * {@link #containerUid}/{@link #containerGid} turn them back into the ids a layer must record.
 */
public record IdMapping(List<IdRange> uids, List<IdRange> gids) {
  private static final long OVERFLOW_ID = 65534;

  public IdMapping {
    uids = List.copyOf(uids);
    gids = List.copyOf(gids);
  }

  /** No user namespace: every id is itself. */
  public static IdMapping identity() {
    return new IdMapping(List.of(), List.of());
  }

  public boolean isIdentity() {
    return uids.isEmpty() && gids.isEmpty();
  }

  /** The container uid of a file owned by {@code hostUid} (65534, "nobody", when unmapped). */
  public long containerUid(long hostUid) {
    return toContainer(uids, hostUid);
  }

  public long containerGid(long hostGid) {
    return toContainer(gids, hostGid);
  }

  /** The host uid of {@code containerUid}, or -1 when the namespace does not map it. */
  public long hostUid(long containerUid) {
    return toHost(uids, containerUid);
  }

  public long hostGid(long containerGid) {
    return toHost(gids, containerGid);
  }

  /** Whether {@code containerUid} exists inside the namespace. */
  public boolean mapsUid(long containerUid) {
    return isIdentity() || toHost(uids, containerUid) >= 0;
  }

  public boolean mapsGid(long containerGid) {
    return isIdentity() || toHost(gids, containerGid) >= 0;
  }

  private long toContainer(List<IdRange> ranges, long host) {
    if (isIdentity()) {
      return host;
    }
    for (IdRange r : ranges) {
      if (r.containsHost(host)) {
        return r.containerId() + (host - r.hostId());
      }
    }
    return OVERFLOW_ID;
  }

  private long toHost(List<IdRange> ranges, long container) {
    if (isIdentity()) {
      return container;
    }
    for (IdRange r : ranges) {
      if (r.containsContainer(container)) {
        return r.hostId() + (container - r.containerId());
      }
    }
    return -1;
  }
}
