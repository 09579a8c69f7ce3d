package dev.hoist.build.step.run;

import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.KeptTree;
import dev.hoist.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;

/**
 * The digest of what a bind mount shows: every kept path below a file or folder with its type,
 * permissions and content (files through the context's hash cache), in sorted order, so a RUN
 * that binds context files is rebuilt exactly when they change, and not when an ignored one does.
 */
public final class TreeDigest {
  private TreeDigest() {}

  public static Digest of(KeptTree tree, FileHashCache hashes) throws IOException {
    MessageDigest md = Digest.newSha256();
    Path root = tree.dir();
    for (Path p : tree.paths()) {
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      StringBuilder line = new StringBuilder(root.relativize(p).toString()).append('\0')
          .append(PosixFilePermissions.toString(a.permissions())).append('\0');
      if (a.isSymbolicLink()) {
        line.append("link:").append(Files.readSymbolicLink(p));
      } else if (a.isRegularFile()) {
        line.append("file:").append(hashes.digest(p));
      } else if (a.isDirectory()) {
        line.append("dir");
      } else {
        line.append("other");
      }
      md.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
    return Digest.fromSha256(md);
  }
}
