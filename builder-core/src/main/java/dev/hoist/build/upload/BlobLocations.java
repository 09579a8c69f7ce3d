package dev.hoist.build.upload;

import dev.hoist.oci.Digest;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which repository of a registry a blob was last pushed to, kept in one text file in the store, so
 * that a push to another repository of that registry asks the registry to mount the blob from there
 * instead of uploading it again (as containers/image's blob-info cache does). A damaged file is
 * ignored; a stale entry only costs the refused mount, after which the blob is uploaded.
 */
public final class BlobLocations {
  private final Path file;
  private final Map<String, String> repositories = new ConcurrentHashMap<>();
  private volatile boolean dirty;

  private BlobLocations(Path file) {
    this.file = file;
  }

  /** The locations kept in {@code file} (read now if it exists). */
  public static BlobLocations open(Path file) {
    BlobLocations l = new BlobLocations(file);
    if (Files.isRegularFile(file)) {
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line; (line = r.readLine()) != null; ) {
          String[] f = line.split("\t", 3);
          if (f.length == 3) {
            l.repositories.put(key(f[0], f[1]), f[2]);
          }
        }
      } catch (IOException | RuntimeException e) {
        l.repositories.clear();
      }
    }
    return l;
  }

  /** A repository of {@code registry} other than {@code except} that received {@code blob}, if one is known. */
  public Optional<String> elsewhere(String registry, Digest blob, String except) {
    return Optional.ofNullable(repositories.get(key(registry, blob.toString()))).filter(r -> !r.equals(except));
  }

  /** Remembers that {@code repository} of {@code registry} has {@code blob}. */
  public void record(String registry, Digest blob, String repository) {
    if (!repository.equals(repositories.put(key(registry, blob.toString()), repository))) {
      dirty = true;
    }
  }

  /** Writes the file back if anything changed. */
  public void save() throws IOException {
    if (!dirty) {
      return;
    }
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".blob-locations", ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, String> e : repositories.entrySet()) {
        w.write(e.getKey() + "\t" + e.getValue() + "\n");
      }
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    dirty = false;
  }

  private static String key(String registry, String digest) {
    return registry + "\t" + digest;
  }
}
