package dev.hoist.build.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHashCacheTest {
  @TempDir Path tmp;

  @Test
  void aSecondBuildOfTheSameContextReadsNoUnchangedFile() throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve("ctx"));
    Path a = Files.writeString(ctx.resolve("a"), "one");
    Path b = Files.writeString(ctx.resolve("b"), "two");
    Path file = tmp.resolve("hashes").resolve("ctx.tsv");

    FileHashCache first = FileHashCache.open(file);
    assertThat(first.digestText(a, stamp(a))).isEqualTo(Digest.sha256("one").toString());
    assertThat(first.digestText(b, stamp(b))).isEqualTo(Digest.sha256("two").toString());
    assertThat(first.filesHashed()).isEqualTo(2);
    first.save();

    FileHashCache second = FileHashCache.open(file);
    assertThat(second.digestText(a, stamp(a))).isEqualTo(Digest.sha256("one").toString());
    assertThat(second.digestText(b, stamp(b))).isEqualTo(Digest.sha256("two").toString());
    assertThat(second.filesHashed()).isZero();

    Files.writeString(b, "three");
    FileHashCache third = FileHashCache.open(file);
    assertThat(third.digestText(b, stamp(b))).isEqualTo(Digest.sha256("three").toString());
    assertThat(third.filesHashed()).isEqualTo(1);
  }

  @Test
  void aDamagedFileIsIgnoredAndRewritten() throws IOException {
    Path a = Files.writeString(tmp.resolve("a"), "one");
    Path file = Files.createDirectories(tmp.resolve("hashes")).resolve("ctx.tsv");
    Files.writeString(file, "1\t2\tx\tsha256:short\t" + a + "\nnot a line\n");

    FileHashCache damaged = FileHashCache.open(file);
    assertThat(damaged.digestText(a, stamp(a))).isEqualTo(Digest.sha256("one").toString());
    assertThat(damaged.filesHashed()).isEqualTo(1);
    damaged.save();

    FileHashCache again = FileHashCache.open(file);
    assertThat(again.digestText(a, stamp(a))).isEqualTo(Digest.sha256("one").toString());
    assertThat(again.filesHashed()).isZero();
  }

  private static FileHashCache.Stamp stamp(Path p) throws IOException {
    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
    return new FileHashCache.Stamp(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), String.valueOf(a.fileKey()));
  }
}
