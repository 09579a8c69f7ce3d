package dev.hoist.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.runtime.mount.RunMount;
import dev.hoist.runtime.mount.SecretSource;
import dev.hoist.runtime.mount.Secrets;
import dev.hoist.runtime.snapshot.Diff;
import dev.hoist.runtime.snapshot.DiffEntry;
import dev.hoist.runtime.snapshot.LowerStack;
import dev.hoist.runtime.snapshot.Snapshot;
import dev.hoist.runtime.snapshot.Snapshotter;
import dev.hoist.runtime.testing.BusyboxRootfs;
import dev.hoist.runtime.testing.Runners;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret file and a secret env variable, each holding a unique marker, are read by a RUN that
 * also tries to copy the file into the image under {@code /run/secrets}: the marker is found in no
 * byte of the layer written from the diff (uncompressed), of the snapshot (upper and work folders,
 * or the copied root) nor of the output, and the diff names no secret path.
 */
class SecretsNeverLeakTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Snapshotter.Kind.class)
  void markerAppearsNowhere(Snapshotter.Kind kind) throws Exception {
    UserNamespace userns = UserNamespace.detect();
    if (kind == Snapshotter.Kind.OVERLAY) {
      Assumptions.assumeTrue(Snapshotter.overlaySupported(tmp.resolve("probe"), userns), "overlayfs cannot be mounted here");
    }
    String marker = "hoist-secret-" + UUID.randomUUID();
    String envMarker = "hoist-env-secret-" + UUID.randomUUID();
    Path secretFile = tmp.resolve("secret.txt");
    Files.writeString(secretFile, marker);
    Secrets secrets = new Secrets(Map.of("token", new SecretSource.FromFile(secretFile),
        "apikey", new SecretSource.FromEnv("HOIST_TEST_API_KEY")), name -> name.equals("HOIST_TEST_API_KEY") ? envMarker : null);
    ContainerRunner runner = Runners.runc(tmp.resolve("cache"), secrets);
    Path base = BusyboxRootfs.create(tmp.resolve("base"));

    List<RunMount> mounts = List.of(
        RunMount.SecretMount.file("token"),
        new RunMount.SecretMount("token", Optional.of("/etc/app/token"), Optional.empty(), true, 0400, 0, 0),
        RunMount.SecretMount.env("apikey", "API_KEY"));
    String script = String.join("; ",
        "set -e",
        "sha256sum /run/secrets/token /etc/app/token | cut -d' ' -f1",
        "printf %s \"$API_KEY\" | sha256sum | cut -d' ' -f1",
        "stat -c '%a %u' /run/secrets/token",
        "cp /run/secrets/token /run/secrets/copy",
        "echo kept > /kept");
    List<String> lines = new ArrayList<>();
    Path snapDir = tmp.resolve("snaps");
    try (Snapshotter snapshotter = new Snapshotter(kind, snapDir, userns);
         Snapshot snap = snapshotter.prepare(new LowerStack(List.of(base)))) {
      RunResult r = runner.run(snap, RunRequest.of(List.of("/bin/sh", "-c", script), Output.lines(lines::add)).withMounts(mounts));
      assertThat(r.exitCode()).as(String.join("\n", lines)).isZero();
      Diff diff = snap.diff(r.mountTargets());

      assertThat(lines).containsExactly(sha(marker), sha(marker), sha(envMarker), "400 0");
      assertThat(diff.entries()).containsExactly(new DiffEntry.Upsert("kept"));
      java.io.ByteArrayOutputStream layer = new java.io.ByteArrayOutputStream();
      dev.hoist.runtime.snapshot.DiffLayerWriter.write(diff, dev.hoist.cache.layer.LayerWriter.defaults()
          .withCompression(dev.hoist.oci.MediaType.Compression.NONE).open(layer));
      assertThat(indexOf(layer.toByteArray(), marker.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
      assertThat(indexOf(layer.toByteArray(), envMarker.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
      assertThat(containsMarker(snapDir, marker)).isFalse();
      assertThat(containsMarker(snapDir, envMarker)).isFalse();
      assertThat(String.join("\n", lines)).doesNotContain(marker).doesNotContain(envMarker);
    }
  }

  /** Whether any readable file below {@code dir} holds the marker (overlay's work/work is mode 000 when rootless). */
  private static boolean containsMarker(Path dir, String marker) throws Exception {
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    boolean[] found = {false};
    Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes attrs)
          throws java.io.IOException {
        if (attrs.isRegularFile() && indexOf(Files.readAllBytes(p), needle) >= 0) {
          found[0] = true;
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path p, java.io.IOException e) throws java.io.IOException {
        if (e instanceof java.nio.file.AccessDeniedException && p.getFileName().toString().equals("work")) {
          return java.nio.file.FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return found[0];
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String sha(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
