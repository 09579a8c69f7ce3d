package dev.hoist.build.step.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.layer.Layer;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.runtime.snapshot.Diff;
import dev.hoist.runtime.snapshot.DiffEntry;
import dev.hoist.runtime.userns.IdMapping;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffLayerTest {
  @TempDir Path tmp;

  @Test
  void upsertsAreWrittenFromTheRootAndDeletionsAsOciWhiteouts() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("upper"));
    Files.createDirectories(root.resolve("etc/conf.d"));
    Files.writeString(root.resolve("etc/app.conf"), "x=1\n");
    Files.createSymbolicLink(root.resolve("etc/link"), Path.of("app.conf"));
    Diff diff = new Diff(root, List.of(new DiffEntry.Upsert("etc"), new DiffEntry.Upsert("etc/app.conf"),
        new DiffEntry.Upsert("etc/conf.d"), new DiffEntry.OpaqueDir("etc/conf.d"), new DiffEntry.Whiteout("etc/gone"),
        new DiffEntry.Upsert("etc/link")), IdMapping.identity());
    LocalStore store = LocalStore.open(tmp.resolve("home"));

    Layer layer = DiffLayer.write(diff, LayerWriter.defaults(), store);

    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Map<String, String> content = new LinkedHashMap<>();
    try (InputStream in = store.openBlob(layer.descriptor().digest());
         TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextTarEntry()) != null) {
        String name = e.getName().replaceAll("/$", "");
        entries.put(name, e);
        content.put(name, new String(tar.readAllBytes()));
      }
    }
    assertThat(entries.keySet()).containsExactly("etc", "etc/app.conf", "etc/conf.d", "etc/conf.d/.wh..wh..opq",
        "etc/.wh.gone", "etc/link");
    assertThat(content.get("etc/app.conf")).isEqualTo("x=1\n");
    assertThat(entries.get("etc").isDirectory()).isTrue();
    assertThat(entries.get("etc/link").isSymbolicLink()).isTrue();
    assertThat(entries.get("etc/link").getLinkName()).isEqualTo("app.conf");
    assertThat(entries.get("etc/.wh.gone").getSize()).isZero();
  }
}
