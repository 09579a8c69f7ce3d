package dev.hoist.build.context;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A directory on disk as a {@link FileTree}: one lstat per file, nothing read until it is copied. */
public record DiskFileTree(Path root) implements FileTree {
  @Override
  public Optional<FileInfo> stat(String path) throws IOException {
    Path p = file(path);
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, "unix:mode,ino,dev,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    } catch (AccessDeniedException e) {
      throw e;
    } catch (FileSystemException e) {
      return Optional.empty();
    }
    int raw = (Integer) a.get("mode");
    FileInfo.Kind kind = switch (raw & 0170000) {
      case 0040000 -> FileInfo.Kind.DIRECTORY;
      case 0100000 -> FileInfo.Kind.FILE;
      case 0120000 -> FileInfo.Kind.SYMLINK;
      default -> FileInfo.Kind.OTHER;
    };
    long size = (Long) a.get("size");
    long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
    String link = kind == FileInfo.Kind.SYMLINK ? Files.readSymbolicLink(p).toString() : "";
    Optional<FileHashCache.Stamp> stamp = kind != FileInfo.Kind.FILE ? Optional.empty()
        : Optional.of(new FileHashCache.Stamp(size, mtime,
            "(dev=" + Long.toHexString(((Number) a.get("dev")).longValue()) + ",ino=" + a.get("ino") + ")"));
    Optional<FileSource> source = kind == FileInfo.Kind.FILE
        ? Optional.of(new FileSource.OnDisk(p, path)) : Optional.empty();
    return Optional.of(new FileInfo(kind, raw & 07777, size, mtime, link, source, stamp));
  }

  @Override
  public List<String> list(String path) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(file(path))) {
      ds.forEach(c -> names.add(c.getFileName().toString()));
    }
    names.sort(null);
    return names;
  }

  private Path file(String path) {
    return root.resolve(path.isEmpty() ? "." : path);
  }
}
