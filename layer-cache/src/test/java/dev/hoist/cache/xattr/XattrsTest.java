package dev.hoist.cache.xattr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.cache.compress.Compressors;
import dev.hoist.cache.extract.ExtractOptions;
import dev.hoist.cache.extract.ExtractResult;
import dev.hoist.cache.extract.LayerExtractor;
import dev.hoist.cache.layer.LayerSink;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarReader;
import dev.hoist.cache.tar.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extended attributes of every namespace with real files: a binary {@code security.capability}
 * extracted from a layer reads back byte for byte with {@code getfattr}, one set with {@code
 * setfattr} reaches the layer's PAX record byte for byte. Needs root (security.* needs
 * CAP_SETFCAP) and a file system with xattrs; skips with the reason otherwise.
 */
class XattrsTest {
  /** What {@code setcap cap_net_raw+ep} writes: VFS_CAP_REVISION_2 with the effective flag, CAP_NET_RAW (13) permitted. */
  static final byte[] NET_RAW = HexFormat.of().parseHex("0100000200200000000000000000000000000000");
  static final byte[] USER_VALUE = {0, 1, 2, (byte) 0xff, '\n', 'x'};

  @TempDir Path tmp;

  @Test
  void nativeImplementationIsLoaded() {
    assertThat(Xattrs.system()).isInstanceOf(NativeXattrs.class);
    assertThat(Xattrs.system().reachesAllNamespaces()).isTrue();
  }

  @Test
  void extractedCapabilityReadsBackWithGetfattr() throws Exception {
    assumeRootWithXattrs();
    byte[] capability = setcapBytes().orElse(NET_RAW);
    Path layer = tmp.resolve("layer.tar");
    try (OutputStream out = Files.newOutputStream(layer); TarWriter tar = new TarWriter(out)) {
      tar.putEntry(TarEntry.directory("bin"));
      tar.putEntry(TarEntry.file("bin/ping", 4).withMode(0755).withXattrs(Map.of(
          "security.capability", capability, "user.note", USER_VALUE)));
      tar.content("ping".getBytes(StandardCharsets.US_ASCII), 0, 4);
    }
    Path root = Files.createDirectory(tmp.resolve("root"));
    ExtractResult result;
    try (InputStream in = Files.newInputStream(layer)) {
      result = LayerExtractor.create(ExtractOptions.defaults()).extract(in, root);
    }
    assertThat(result.warnings()).isEmpty();
    Map<String, String> got = getfattr(root.resolve("bin/ping"));
    assertThat(got).containsEntry("security.capability", HexFormat.of().formatHex(capability))
        .containsEntry("user.note", HexFormat.of().formatHex(USER_VALUE));
    assertThat(Xattrs.system().get(root.resolve("bin/ping"), "security.capability")).hasValue(capability);
  }

  @Test
  void setfattrValuesReachTheLayerPaxRecords() throws Exception {
    assumeRootWithXattrs();
    Path tree = Files.createDirectory(tmp.resolve("tree"));
    Path file = tree.resolve("ping");
    Files.writeString(file, "ping");
    run("setfattr", "-n", "security.capability", "-v", "0x" + HexFormat.of().formatHex(NET_RAW), file.toString());
    run("setfattr", "-n", "user.note", "-v", "0x" + HexFormat.of().formatHex(USER_VALUE), file.toString());
    run("setfattr", "-n", "trusted.marker", "-v", "0x00ff00", file.toString());
    Path layer = tmp.resolve("layer.tar.gz");
    try (OutputStream out = Files.newOutputStream(layer);
        LayerSink sink = LayerWriter.defaults().withClampMtime(Optional.empty()).open(out)) {
      sink.addTree(tree, "", e -> e);
      sink.finish();
    }
    Map<String, Map<String, byte[]>> xattrsByName = new HashMap<>();
    try (TarReader r = new TarReader(Compressors.decompress(Files.newInputStream(layer)))) {
      for (Optional<TarEntry> e = r.next(); e.isPresent(); e = r.next()) {
        xattrsByName.put(e.get().name(), e.get().xattrs());
      }
    }
    Map<String, byte[]> xattrs = xattrsByName.get("ping");
    assertThat(xattrs).containsOnlyKeys("security.capability", "trusted.marker", "user.note");
    assertThat(xattrs.get("security.capability")).isEqualTo(NET_RAW);
    assertThat(xattrs.get("user.note")).isEqualTo(USER_VALUE);
    assertThat(xattrs.get("trusted.marker")).isEqualTo(new byte[] {0, (byte) 0xff, 0});
  }

  @Test
  void symlinksAreNeverFollowed() throws Exception {
    Path target = tmp.resolve("target");
    Files.writeString(target, "t");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    assumeUserXattrs(target);
    Xattrs.system().set(target, "user.only-on-target", USER_VALUE);
    assertThat(Xattrs.system().readAll(target)).containsKey("user.only-on-target");
    assertThat(Xattrs.system().list(link)).doesNotContain("user.only-on-target");
    assertThat(Xattrs.system().get(link, "user.only-on-target")).isEmpty();
  }

  @Test
  void fallbackReachesUserNamespaceOnlyAndRefusesOthers() throws Exception {
    Path file = Files.writeString(tmp.resolve("f"), "f");
    assumeUserXattrs(file);
    Xattrs fallback = new UserXattrs();
    fallback.set(file, "user.a", USER_VALUE);
    assertThat(fallback.list(file)).contains("user.a");
    assertThat(fallback.get(file, "user.a")).hasValue(USER_VALUE);
    assertThatThrownBy(() -> fallback.set(file, "security.capability", NET_RAW))
        .isInstanceOfSatisfying(XattrRefusedException.class,
            e -> assertThat(e.kind()).isEqualTo(XattrRefusedException.Kind.UNSUPPORTED));
    assertThat(Xattrs.system().get(file, "security.capability")).isEmpty();
  }

  private void assumeRootWithXattrs() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "not root: setting security.* needs CAP_SETFCAP");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/getfattr")),
        "getfattr/setfattr not installed: apt-get install attr");
    Path probe = Files.writeString(tmp.resolve("probe"), "p");
    Process p = new ProcessBuilder("setfattr", "-n", "security.capability", "-v",
        "0x" + HexFormat.of().formatHex(NET_RAW), probe.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeTrue(p.waitFor() == 0, "the file system of " + tmp + " takes no security.* xattrs: " + out);
    Files.delete(probe);
  }

  private static void assumeUserXattrs(Path file) throws IOException {
    try {
      Xattrs.system().set(file, "user.probe", new byte[] {1});
    } catch (XattrRefusedException e) {
      Assumptions.abort("the file system of " + file + " takes no user.* xattrs: " + e.getMessage());
    }
  }

  /** The bytes {@code setcap cap_net_raw+ep} writes, when setcap (libcap2-bin) is installed. */
  private Optional<byte[]> setcapBytes() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/sbin/setcap")) && !Files.isExecutable(Path.of("/sbin/setcap"))) {
      System.out.println("setcap not installed (libcap2-bin): using the known bytes of cap_net_raw+ep");
      return Optional.empty();
    }
    Path f = Files.writeString(tmp.resolve("setcap-probe"), "x");
    run("setcap", "cap_net_raw+ep", f.toString());
    return Optional.of(HexFormat.of().parseHex(getfattr(f).get("security.capability")));
  }

  /** {@code getfattr -d -m - -e hex}: every attribute of every namespace, as lowercase hex without 0x. */
  private static Map<String, String> getfattr(Path file) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (String line : run("getfattr", "-d", "-m", "-", "-e", "hex", "--absolute-names", file.toString()).lines()
        .toList()) {
      int eq = line.indexOf("=0x");
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 3));
      }
    }
    return out;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), out).isZero();
    return out;
  }
}
