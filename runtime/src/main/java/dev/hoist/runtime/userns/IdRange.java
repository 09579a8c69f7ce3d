package dev.hoist.runtime.userns;

/** {@code size} ids starting at {@code containerId} inside a namespace and {@code hostId} outside. */
public record IdRange(long containerId, long hostId, long size) {
  public IdRange {
    if (containerId < 0 || hostId < 0 || size < 1) {
      throw new IllegalArgumentException("invalid id range " + containerId + ":" + hostId + ":" + size);
    }
  }

  boolean containsHost(long id) {
    return id >= hostId && id < hostId + size;
  }

  boolean containsContainer(long id) {
    return id >= containerId && id < containerId + size;
  }
}
