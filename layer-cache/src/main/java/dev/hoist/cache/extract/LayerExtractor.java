package dev.hoist.cache.extract;

import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.fs.TreeRemover;
import dev.hoist.cache.tar.EntryType;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.cache.xattr.XattrRefusedException;
import dev.hoist.cache.xattr.Xattrs;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Extracts a layer (gzip, zstd or plain tar) into a directory, and never writes outside it:
 * {@code ..} is refused, absolute names are taken relative to the root, and every path is resolved
 * component by component with {@link RootedPath} (symlinks on the way resolved inside the root,
 * the last component never followed, files created with O_EXCL). Whiteouts are applied or kept
 * ({@link WhiteoutMode}); hard links, symlinks, devices and FIFOs (devices only as root), modes
 * with setuid/setgid/sticky, ownership ({@link OwnershipMode}: set, left, or left and recorded), xattrs of every namespace ({@link
 * Xattrs}; {@code security.*} and {@code trusted.*} only where permitted, else one warning per
 * kind of refusal) and mtimes are restored. Directory metadata is set last, deepest first, and
 * xattrs after chown, which would clear {@code security.capability}.
 */
public final class LayerExtractor {
  private static final Xattrs XATTRS = Xattrs.system();
  private final ExtractOptions options;
  private final boolean root = "root".equals(System.getProperty("user.name"));

  private LayerExtractor(ExtractOptions options) {
    this.options = options;
  }

  public static LayerExtractor create(ExtractOptions options) {
    return new LayerExtractor(options);
  }

  /** Extracts the layer stream {@code layer} (compressed or not) into the existing directory {@code target}. */
  public ExtractResult extract(InputStream layer, Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new HoistException("extraction target " + target + " is not a directory");
    }
    return new Run(target.toAbsolutePath().normalize()).extract(new TarReader(Compressors.decompress(layer)));
  }

  private final class Run {
    private final Path rootDir;
    private final RootedPath rooted;
    private final Set<String> written = new HashSet<>();
    private final List<Map.Entry<Path, TarEntry>> directories = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<XattrRefusedException.Kind> warnedXattrs = EnumSet.noneOf(XattrRefusedException.Kind.class);
    private final Map<String, EntryOwner> owners = new LinkedHashMap<>();
    private long count;

    Run(Path rootDir) {
      this.rootDir = rootDir;
      this.rooted = new RootedPath(rootDir);
    }

    ExtractResult extract(TarReader reader) throws IOException {
      for (Optional<TarEntry> next = reader.next(); next.isPresent(); next = reader.next()) {
        apply(next.get(), reader);
        count++;
      }
      for (int i = directories.size() - 1; i >= 0; i--) {
        Path dir = directories.get(i).getKey();
        Optional<BasicFileAttributes> a = RootedPath.lstat(dir);
        if (a.isPresent() && a.get().isDirectory()) {
          metadata(dir, directories.get(i).getValue());
        }
      }
      return new ExtractResult(count, warnings, List.copyOf(owners.values()));
    }

    private void apply(TarEntry e, TarReader reader) throws IOException {
      List<String> parts = RootedPath.components(e.name(), e.name());
      if (parts.isEmpty()) {
        if (e.type() == EntryType.DIRECTORY) {
          directories.add(Map.entry(rootDir, e));
          return;
        }
        throw new UnsafeEntryException(e.name(), "a " + e.type() + " cannot replace the extraction root");
      }
      if (options.whiteouts() == WhiteoutMode.APPLY && e.isWhiteout()) {
        whiteout(e, parts);
        return;
      }
      Path parent = rooted.parent(parts, true, e.name()).orElseThrow();
      Path target = parent.resolve(parts.get(parts.size() - 1));
      Optional<BasicFileAttributes> existing = RootedPath.lstat(target);
      boolean keepDir = existing.isPresent() && existing.get().isDirectory() && e.type() == EntryType.DIRECTORY;
      if (existing.isPresent() && !keepDir) {
        TreeRemover.delete(target);
        forgetOwners(rootDir.relativize(target).toString());
      }
      switch (e.type()) {
        case DIRECTORY -> {
          if (!keepDir) {
            Files.createDirectory(target);
          }
        }
        case FILE -> {
          try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE)) {
            reader.content().transferTo(out);
          }
        }
        case SYMLINK -> Files.createSymbolicLink(target, Path.of(e.linkName()));
        case HARDLINK -> {
          link(e, target);
          written.add(rootDir.relativize(target).toString());
          return;
        }
        case FIFO -> run(e, "mkfifo", target.toString());
        case CHAR_DEVICE, BLOCK_DEVICE -> {
          if (!root) {
            warnings.add("skipped device " + e.name() + " (needs root)");
            return;
          }
          run(e, "mknod", target.toString(), e.type() == EntryType.CHAR_DEVICE ? "c" : "b",
              Integer.toString(e.devMajor()), Integer.toString(e.devMinor()));
        }
        default -> throw new UnsafeEntryException(e.name(), "unsupported entry type " + e.type());
      }
      written.add(rootDir.relativize(target).toString());
      if (e.type() == EntryType.DIRECTORY) {
        directories.add(Map.entry(target, e));
      } else {
        metadata(target, e);
      }
    }

    private void whiteout(TarEntry e, List<String> parts) throws IOException {
      Optional<Path> dir = rooted.parent(parts, false, e.name());
      if (dir.isEmpty()) {
        return;
      }
      if (e.isOpaqueMarker()) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir.get())) {
          for (Path child : children) {
            String rel = rootDir.relativize(child).toString();
            if (!written.contains(rel)) {
              TreeRemover.delete(child);
              forgetOwners(rel);
            }
          }
        }
        return;
      }
      String hidden = e.baseName().substring(TarEntry.WHITEOUT_PREFIX.length());
      if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..") || hidden.contains("/")) {
        throw new UnsafeEntryException(e.name(), "invalid whiteout name");
      }
      Path gone = dir.get().resolve(hidden);
      TreeRemover.delete(gone);
      forgetOwners(rootDir.relativize(gone).toString());
    }

    private void link(TarEntry e, Path target) throws IOException {
      List<String> lparts = RootedPath.components(e.linkName(), e.name());
      if (lparts.isEmpty()) {
        throw new UnsafeEntryException(e.name(), "hard link to the extraction root");
      }
      Optional<Path> lparent = rooted.parent(lparts, false, e.name());
      Path source = lparent.map(p -> p.resolve(lparts.get(lparts.size() - 1)))
          .orElseThrow(() -> new UnsafeEntryException(e.name(), "hard link target " + e.linkName() + " does not exist"));
      Optional<BasicFileAttributes> a = RootedPath.lstat(source);
      if (a.isEmpty()) {
        throw new UnsafeEntryException(e.name(), "hard link target " + e.linkName() + " does not exist");
      }
      if (a.get().isDirectory()) {
        throw new UnsafeEntryException(e.name(), "hard link to a directory");
      }
      Files.createLink(target, source);
    }

    private void metadata(Path p, TarEntry e) throws IOException {
      boolean symlink = e.type() == EntryType.SYMLINK;
      if (options.ownership() == OwnershipMode.PRESERVE) {
        Files.setAttribute(p, "unix:uid", (int) e.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", (int) e.gid(), LinkOption.NOFOLLOW_LINKS);
      } else if (options.ownership() == OwnershipMode.RECORD) {
        String rel = rootDir.relativize(p).toString();
        if (e.uid() == 0 && e.gid() == 0) {
          owners.remove(rel);
        } else {
          owners.put(rel, new EntryOwner(rel, e.uid(), e.gid(), e.mode() & 07777));
        }
      }
      if (!symlink) {
        Files.setAttribute(p, "unix:mode", e.mode() & 07777, LinkOption.NOFOLLOW_LINKS);
        xattrs(p, e);
      }
      FileTime t = FileTime.fromMillis(e.mtime() * 1000);
      try {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setTimes(t, t, null);
      } catch (IOException ex) {
        if (!symlink) {
          throw ex;
        }
      }
    }

    /** A replaced or deleted path and everything that was below it no longer need their recorded owners. */
    private void forgetOwners(String rel) {
      if (!owners.isEmpty()) {
        String below = rel + "/";
        owners.keySet().removeIf(k -> k.equals(rel) || k.startsWith(below));
      }
    }

    private void xattrs(Path p, TarEntry e) {
      for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
        String name = x.getKey();
        if (name.startsWith("trusted.") && !root) {
          warnOnce(XattrRefusedException.Kind.NOT_PERMITTED, name, e, "not permitted (trusted.* needs root)");
          continue;
        }
        try {
          XATTRS.set(p, name, x.getValue());
        } catch (XattrRefusedException ex) {
          warnOnce(ex.kind(), name, e, ex.reason());
        } catch (IOException ex) {
          warnings.add("could not set xattr " + name + " on " + e.name() + ": " + ex.getMessage());
        }
      }
    }

    /** One warning per kind of refusal and extraction, naming the first attribute and path refused. */
    private void warnOnce(XattrRefusedException.Kind kind, String name, TarEntry e, String reason) {
      if (warnedXattrs.add(kind)) {
        warnings.add("could not set xattr " + name + " on " + e.name() + ": " + reason
            + "; later xattrs refused the same way in this layer are not reported");
      }
    }

    private void run(TarEntry e, String... command) throws IOException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      try {
        if (p.waitFor() != 0) {
          throw new HoistException("cannot create " + e.name() + ": " + command[0] + ": " + out);
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted creating " + e.name());
      }
    }
  }
}
