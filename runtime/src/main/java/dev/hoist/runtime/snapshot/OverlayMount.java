package dev.hoist.runtime.snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An overlayfs mount: lower layers (top first), the upper (the diff), its work folder, the target,
 * and the folder to mount from: lower paths may be relative to it, which keeps the mount options
 * of a deep image under the kernel's one-page limit.
 */
public record OverlayMount(List<Path> lowerTopFirst, Path upper, Path work, Path target, Path directory) {
  public OverlayMount {
    lowerTopFirst = List.copyOf(lowerTopFirst);
  }

  /** The {@code -o} value for {@code mount -t overlay}; always with {@code userxattr}. */
  public String options() {
    return "lowerdir=" + lowerTopFirst.stream().map(p -> escape(p.toString())).collect(Collectors.joining(":"))
        + ",upperdir=" + escape(upper.toString()) + ",workdir=" + escape(work.toString()) + ",userxattr";
  }

  private static String escape(String path) {
    return path.replace("\\", "\\\\").replace(":", "\\:").replace(",", "\\,");
  }
}
