package dev.hoist.build.step.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.KeptTree;
import dev.hoist.build.context.SourceTree;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bind mount's key: kept paths with permissions and content, files read through the hash cache only when new. */
class TreeDigestTest {
  @TempDir Path ctx;
  private final FileHashCache hashes = FileHashCache.inMemory();

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(ctx.resolve("sub"));
    Files.writeString(ctx.resolve("a.txt"), "a");
    Files.writeString(ctx.resolve("b.log"), "ignored");
    Files.writeString(ctx.resolve("sub/c.txt"), "c");
    Files.createSymbolicLink(ctx.resolve("sub/link"), Path.of("../a.txt"));
    Files.setPosixFilePermissions(ctx, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(ctx.resolve("sub"), PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(ctx.resolve("a.txt"), PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(ctx.resolve("sub/c.txt"), PosixFilePermissions.fromString("rwxr-x---"));
  }

  private Digest digest() throws IOException {
    SourceTree context = SourceTree.context(ctx, DockerIgnore.of(List.of("*.log")), hashes);
    return TreeDigest.of(KeptTree.of(context, "").orElseThrow(), hashes);
  }

  @Test
  void hashesEachKeptLineWithPermissionsAndContent() throws IOException {
    String lines = "\0rwxr-xr-x\0dir\n"
        + "a.txt\0rw-r--r--\0file:" + Digest.sha256("a".getBytes(StandardCharsets.UTF_8)) + "\n"
        + "sub\0rwx------\0dir\n"
        + "sub/c.txt\0rwxr-x---\0file:" + Digest.sha256("c".getBytes(StandardCharsets.UTF_8)) + "\n"
        + "sub/link\0rwxrwxrwx\0link:../a.txt\n";
    assertThat(digest()).isEqualTo(Digest.sha256(lines.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsOnlyChangedFilesAndIgnoresLeftOutOnes() throws IOException {
    Digest first = digest();
    assertThat(hashes.filesHashed()).isEqualTo(2);

    Files.writeString(ctx.resolve("b.log"), "changed, but ignored");
    assertThat(digest()).isEqualTo(first);
    assertThat(hashes.filesHashed()).isEqualTo(2);

    Files.writeString(ctx.resolve("sub/c.txt"), "changed");
    assertThat(digest()).isNotEqualTo(first);
    assertThat(hashes.filesHashed()).isEqualTo(3);
  }
}
