package dev.hoist.cache.xattr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Optional;

/** The fallback: Java's {@link UserDefinedFileAttributeView}, which reaches {@code user.*} only. */
final class UserXattrs implements Xattrs {
  private static final String USER = "user.";

  @Override
  public boolean reachesAllNamespaces() {
    return false;
  }

  @Override
  public List<String> list(Path path) throws IOException {
    Optional<UserDefinedFileAttributeView> view = view(path);
    if (view.isEmpty()) {
      return List.of();
    }
    try {
      return view.get().list().stream().map(n -> USER + n).sorted().toList();
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
      return List.of();
    }
  }

  @Override
  public Optional<byte[]> get(Path path, String name) throws IOException {
    Optional<UserDefinedFileAttributeView> view = view(path);
    if (!name.startsWith(USER) || view.isEmpty()) {
      return Optional.empty();
    }
    String key = name.substring(USER.length());
    try {
      ByteBuffer buf = ByteBuffer.allocate(view.get().size(key));
      view.get().read(key, buf);
      return Optional.of(java.util.Arrays.copyOf(buf.array(), buf.position()));
    } catch (java.nio.file.FileSystemException e) {
      return Optional.empty();
    }
  }

  @Override
  public void set(Path path, String name, byte[] value) throws IOException {
    if (!name.startsWith(USER)) {
      throw XattrRefusedException.unsupported(path, name, "only user.* is reachable without the native xattr calls");
    }
    Optional<UserDefinedFileAttributeView> view = view(path);
    if (view.isEmpty()) {
      throw XattrRefusedException.unsupported(path, name, "the file system has no extended attributes");
    }
    try {
      view.get().write(name.substring(USER.length()), ByteBuffer.wrap(value));
    } catch (UnsupportedOperationException e) {
      throw XattrRefusedException.unsupported(path, name, "the file system has no extended attributes");
    } catch (java.nio.file.AccessDeniedException e) {
      throw XattrRefusedException.notPermitted(path, name);
    }
  }

  private static Optional<UserDefinedFileAttributeView> view(Path path) {
    return Optional.ofNullable(Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS));
  }
}
