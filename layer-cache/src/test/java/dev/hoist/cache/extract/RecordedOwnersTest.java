package dev.hoist.cache.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OwnershipMode#RECORD}: files stay owned by the extracting user, and the result lists the
 * owner each entry named when it is not 0:0, once per path as it ends up (a later entry for the
 * same path wins; a replaced folder takes the owners recorded below it away).
 */
class RecordedOwnersTest {
  @TempDir Path root;

  @Test
  void listsTheOwnersOfTheEntriesThatEndUpOnDiskAndChownsNothing() throws IOException {
    byte[] tar = tar(
        TarEntry.directory("").withMode(0755).withOwner(0, 0),
        TarEntry.directory("home").withMode(0755).withOwner(0, 0),
        TarEntry.directory("home/app").withMode(0700).withOwner(1000, 1000),
        TarEntry.file("home/app/notes", 2).withMode(04755).withOwner(1000, 100),
        TarEntry.symlink("home/app/link", "notes").withOwner(1000, 1000),
        TarEntry.directory("gone").withMode(0755).withOwner(7, 7),
        TarEntry.file("gone/inside", 2).withMode(0644).withOwner(7, 7),
        TarEntry.file("gone", 2).withMode(0644).withOwner(0, 0),
        TarEntry.file("twice", 2).withMode(0644).withOwner(5, 5),
        TarEntry.file("twice", 2).withMode(0644).withOwner(6, 0),
        TarEntry.file("rooted", 2).withMode(0644).withOwner(0, 0));

    ExtractResult result = LayerExtractor.create(new ExtractOptions(WhiteoutMode.KEEP, OwnershipMode.RECORD))
        .extract(new ByteArrayInputStream(tar), root);

    assertThat(result.owners()).containsExactlyInAnyOrder(
        new EntryOwner("home/app", 1000, 1000, 0700),
        new EntryOwner("home/app/notes", 1000, 100, 04755),
        new EntryOwner("home/app/link", 1000, 1000, 0777),
        new EntryOwner("twice", 6, 0, 0644));
    int me = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    assertThat((Integer) Files.getAttribute(root.resolve("home/app/notes"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
        .isEqualTo(me);
    assertThat((Integer) Files.getAttribute(root.resolve("home/app/notes"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777)
        .isEqualTo(04755);
  }

  @Test
  void recordsNothingInTheOtherModes() throws IOException {
    byte[] tar = tar(TarEntry.file("f", 2).withMode(0644).withOwner(1000, 1000));
    ExtractResult result = LayerExtractor.create(new ExtractOptions(WhiteoutMode.KEEP, OwnershipMode.IGNORE))
        .extract(new ByteArrayInputStream(tar), root);
    assertThat(result.owners()).isEmpty();
  }

  private static byte[] tar(TarEntry... entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter w = new TarWriter(out)) {
      for (TarEntry e : List.of(entries)) {
        w.putEntry(e);
        if (e.size() > 0) {
          w.content("x\n".getBytes(StandardCharsets.UTF_8), 0, 2);
        }
      }
      w.finish();
    }
    return out.toByteArray();
  }
}
