package dev.hoist.runtime.snapshot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a layer extracted with OCI whiteouts still in it ({@code .wh.<name>} and {@code
 * .wh..wh..opq} files) into the form overlayfs reads as a lower layer: a 0/0 character device for
 * each deleted name and {@code user.overlay.opaque=y} on each opaque folder. Creating 0/0 devices
 * needs root or a user namespace (Linux allows whiteout devices there since 5.8).
 */
public final class OverlayLayerFormat {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private OverlayLayerFormat() {}

  public static void convert(Path layerDir) throws IOException {
    List<Path> whiteouts = new ArrayList<>();
    List<Path> opaque = new ArrayList<>();
    Files.walkFileTree(layerDir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
        String name = f.getFileName().toString();
        if (name.equals(OPAQUE)) {
          opaque.add(f);
        } else if (name.startsWith(WHITEOUT)) {
          whiteouts.add(f);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path o : opaque) {
      Files.delete(o);
      OverlayXattrs.markOpaque(o.getParent());
    }
    for (Path w : whiteouts) {
      Path target = w.resolveSibling(w.getFileName().toString().substring(WHITEOUT.length()));
      Files.delete(w);
      mknodWhiteout(target);
    }
  }

  private static void mknodWhiteout(Path target) throws IOException {
    Process p = new ProcessBuilder("mknod", "-m", "000", target.toString(), "c", "0", "0").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    try {
      if (p.waitFor() != 0) {
        throw new IOException("cannot create whiteout " + target + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted creating whiteout " + target, e);
    }
  }
}
