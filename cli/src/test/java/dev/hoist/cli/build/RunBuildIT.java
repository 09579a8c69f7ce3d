package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RUN in {@code hoist build} on the busybox fixture, as root, with the real runtime: changes become
 * a layer (deletions as OCI whiteouts), USER/WORKDIR/ARG/heredocs reach the command, cache mounts
 * outlive {@code --no-cache} rebuilds, and a failing command ends the build with its line, exit
 * code and last output. Results are read back with umoci and from the raw layer tars.
 */
class RunBuildIT {
  @TempDir Path tmp;
  BuildWorkspace ws;

  @BeforeEach
  void setUp() throws IOException {
    ws = BuildWorkspace.withBusybox(tmp);
  }

  @Test
  void commandChangesBecomeALayerWithWhiteoutsAsUserInWorkdir() throws Exception {
    ws.write("Dockerfile", """
        FROM busybox
        ARG GREETING=hi
        RUN echo "$GREETING" > /greeting && rm /bin/wc
        USER app
        WORKDIR /home/app
        RUN id -u > uid && pwd > dir
        RUN <<EOF
        echo "heredoc $GREETING" > /tmp/heredoc
        EOF
        RUN <<EOF
        #!/bin/sh
        echo program > /tmp/program
        EOF
        RUN ["/bin/sh", "-c", "echo exec > /tmp/exec"]
        RUN true
        """);
    Proc built = ws.hoist("build", "--progress", "plain", "-t", "out:1", ws.ctx.toString()).ok();

    Path root = ws.unpack("out:1");
    assertThat(root.resolve("greeting")).hasContent("hi");
    assertThat(root.resolve("bin/wc")).doesNotExist();
    assertThat(root.resolve("bin/cat")).exists();
    assertThat(root.resolve("home/app/uid")).hasContent("1000");
    assertThat(root.resolve("home/app/dir")).hasContent("/home/app");
    assertThat(root.resolve("tmp/heredoc")).hasContent("heredoc hi");
    assertThat(root.resolve("tmp/program")).hasContent("program");
    assertThat(root.resolve("tmp/exec")).hasContent("exec");
    assertThat(root.resolve("dev/pipes")).doesNotExist();

    StoredLayers image = StoredLayers.of(ws.home, "out:1");
    Map<String, byte[]> firstRun = image.layers().get(1);
    assertThat(firstRun).containsKeys("greeting", "bin/.wh.wc");
    assertThat(new String(firstRun.get("greeting"), StandardCharsets.UTF_8)).isEqualTo("hi\n");
    assertThat(image.createdBy()).contains("RUN |1 GREETING=hi /bin/sh -c echo \"$GREETING\" > /greeting && rm /bin/wc # buildkit",
        "RUN |1 GREETING=hi /bin/sh -c echo exec > /tmp/exec # buildkit");
    assertThat(image.config().path("config").path("Env").toString()).doesNotContain("GREETING");
    // RUN true changes nothing: an empty-layer history entry and no layer
    assertThat(image.config().get("history").get(image.config().get("history").size() - 1).path("empty_layer").asBoolean()).isTrue();
    assertThat(image.layers()).hasSize(image.config().get("rootfs").get("diff_ids").size());

    Proc again = ws.hoist("build", "--progress", "plain", "-t", "out:1", ws.ctx.toString()).ok();
    assertThat(again.err()).doesNotContain(" DONE ").contains("CACHED");
    assertThat(built.err()).contains(" DONE ");
  }

  @Test
  void mountsCacheSurvivesNoCacheRebuildsBindAndTmpfsLeaveNoTrace() throws Exception {
    ws.write("data/in.txt", "from the context\n");
    ws.write("Dockerfile", """
        FROM busybox
        RUN --mount=type=cache,target=/cache --mount=type=bind,source=data,target=/data \\
            --mount=type=tmpfs,target=/scratch \\
            echo x >> /cache/count && wc -l < /cache/count > /seen && cat /data/in.txt > /copied \\
            && echo t > /scratch/t
        """);
    ws.hoist("build", "-q", "-t", "out:1", ws.ctx.toString()).ok();
    ws.hoist("build", "-q", "--no-cache", "-t", "out:2", ws.ctx.toString()).ok();

    Path root = ws.unpack("out:2");
    assertThat(root.resolve("seen")).hasContent("2");
    assertThat(root.resolve("copied")).hasContent("from the context");
    Map<String, byte[]> layer = StoredLayers.of(ws.home, "out:2").top();
    assertThat(layer.keySet()).containsExactlyInAnyOrder("copied", "seen");

    ws.write("data/in.txt", "changed\n");
    ws.hoist("build", "-q", "-t", "out:3", ws.ctx.toString()).ok();
    assertThat(ws.unpack("out:3").resolve("copied")).hasContent("changed");
  }

  @Test
  void aCacheMountFromAStageStartsWithThatStagesFiles() throws Exception {
    ws.write("Dockerfile", """
        FROM busybox AS seed
        RUN mkdir -p /pre/sub && echo seeded > /pre/sub/file
        FROM busybox
        RUN --mount=type=cache,id=seeded,target=/c,from=seed,source=/pre \\
            cat /c/sub/file > /seen && echo more >> /c/sub/file
        RUN --mount=type=cache,id=seeded,target=/c wc -l < /c/sub/file > /lines
        """);
    ws.hoist("build", "-q", "-t", "out:1", ws.ctx.toString()).ok();
    Path root = ws.unpack("out:1");
    assertThat(root.resolve("seen")).hasContent("seeded");
    assertThat(root.resolve("lines")).hasContent("2");
    assertThat(root.resolve("c")).doesNotExist();
  }

  @Test
  void failingCommandEndsTheBuildWithLineExitCodeAndLastOutput() throws Exception {
    ws.write("Dockerfile", """
        FROM busybox
        RUN echo fine
        RUN echo first-words && echo last-words >&2 && exit 3
        """);
    Proc failed = ws.hoist("build", "--progress", "plain", ws.ctx.toString());
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.err()).contains("hoist: Dockerfile:3: RUN failed with exit code 3").contains("last-words")
        .doesNotContain("Exception");

    ws.write("Dockerfile", """
        FROM busybox
        RUN --security=insecure true
        """);
    Proc refused = ws.hoist("build", "--progress", "plain", ws.ctx.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("Dockerfile:2").contains("--allow security.insecure");
  }
}
