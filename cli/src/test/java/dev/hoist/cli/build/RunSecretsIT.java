package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build secrets reach the RUN steps that mount them and nothing else: with a unique marker as the
 * value of a file secret and an env secret, every byte of the store (layers uncompressed,
 * configs, manifests, the step-cache index, the unpacked layer folders) and of the build's log is
 * searched for it, while hashes the RUNs wrote prove they did read the secrets.
 */
class RunSecretsIT {
  @TempDir Path tmp;

  @Test
  void secretsAreReadableInTheirRunAndFoundNowhereAfter() throws Exception {
    BuildWorkspace ws = BuildWorkspace.withBusybox(tmp);
    String marker1 = "hoist-secret-" + UUID.randomUUID();
    String marker2 = "hoist-secret-" + UUID.randomUUID();
    Path secretFile = tmp.resolve("s1.txt");
    Files.writeString(secretFile, marker1);
    ws.write("Dockerfile", """
        FROM busybox
        RUN --mount=type=secret,id=s1 cat /run/secrets/s1 | sha256sum > /s1.sum && ls -l /run/secrets
        RUN --mount=type=secret,id=s2,env=S2 printf %s "$S2" | sha256sum > /s2.sum
        RUN --mount=type=secret,id=s1,target=/etc/app-token cat /etc/app-token | wc -c > /s1.len
        RUN cp /run/secrets/s1 /leak || echo "no secret without a mount"
        ARG CONTROL
        RUN echo "$CONTROL" | tr a-z A-Z > /control
        """);
    String control = "hoist-control-" + UUID.randomUUID();
    Proc build = Proc.run(List.of(Proc.repo().resolve("bin/hoist").toString(), "build", "--progress", "plain",
        "--secret", "id=s1,src=" + secretFile, "--secret", "id=s2,env=HOIST_TEST_S2", "--build-arg", "CONTROL=" + control, "-t", "out:1", ws.ctx.toString()),
        Map.of("HOIST_HOME", ws.home.toString(), "HOIST_TEST_S2", marker2), tmp, null).ok();

    Path root = ws.unpack("out:1");
    assertThat(root.resolve("s1.sum")).content().startsWith(sha256(marker1));
    assertThat(root.resolve("s2.sum")).content().startsWith(sha256(marker2));
    assertThat(root.resolve("s1.len")).hasContent(Integer.toString(marker1.length()));
    assertThat(root.resolve("leak")).doesNotExist();
    assertThat(root.resolve("run/secrets")).doesNotExist();
    assertThat(build.err()).contains("no secret without a mount");

    List<Path> searched = new ArrayList<>();
    for (String marker : List.of(marker1, marker2)) {
      byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
      assertThat(indexOf((build.out() + build.err()).getBytes(StandardCharsets.UTF_8), needle)).as("build log").isNegative();
      try (Stream<Path> files = Files.walk(ws.home)) {
        for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
          searched.add(f);
          assertThat(indexOf(StoredLayers.readable(f), needle)).as(f.toString()).isNegative();
        }
      }
    }
    assertThat(searched).anyMatch(p -> p.toString().contains("blobs/sha256"));
    byte[] upperControl = control.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    assertThat(searched).as("the search sees inside compressed layers: a non-secret control marker is found")
        .anyMatch(f -> indexOf(readable(f), upperControl) >= 0);
    assertThat(searched).anyMatch(p -> p.toString().contains("index.json"));
  }

  private static byte[] readable(Path f) {
    try {
      return StoredLayers.readable(f);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String sha256(String text) {
    return Digest.sha256(text.getBytes(StandardCharsets.UTF_8)).hex();
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
}
