package dev.hoist.build.step.run;

import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.FileInfo;
import dev.hoist.build.context.KeptTree;
import dev.hoist.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The digest of what a bind mount shows: every kept path below a file or folder with its type,
 * permissions and content (files through the context's hash cache), in sorted order, so a RUN
 * that binds context files is rebuilt exactly when they change, and not when an ignored one does.
 * It reads what the walk of the {@link KeptTree} already stat'ed, and no file the hash cache knows.
 */
public final class TreeDigest {
  private TreeDigest() {}

  public static Digest of(KeptTree tree, FileHashCache hashes) throws IOException {
    MessageDigest md = Digest.newSha256();
    for (KeptTree.Entry e : tree.entries()) {
      FileInfo f = e.info();
      StringBuilder line = new StringBuilder(e.path()).append('\0').append(permissions(f.mode())).append('\0');
      switch (f.kind()) {
        case SYMLINK -> line.append("link:").append(f.linkTarget());
        case FILE -> line.append("file:").append(hashes.digestText(tree.file(e), f.stamp().orElseThrow()));
        case DIRECTORY -> line.append("dir");
        case OTHER -> line.append("other");
      }
      md.update(line.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    }
    return Digest.fromSha256(md);
  }

  /** The nine permission bits as {@code ls} shows them ({@code rwxr-x---}), as the digest has always had them. */
  private static String permissions(int mode) {
    StringBuilder s = new StringBuilder(9);
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) == 0 ? '-' : "xwr".charAt(bit % 3));
    }
    return s.toString();
  }
}
