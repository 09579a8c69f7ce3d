package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.build.cache.StepCache;
import dev.hoist.build.context.FileHashCache;
import dev.hoist.build.context.SourceTree;
import dev.hoist.build.progress.ProgressListener;
import dev.hoist.build.step.run.RunEngine;
import dev.hoist.build.step.run.RunSettings;
import dev.hoist.cache.layer.LayerWriter;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Platform;
import dev.hoist.runtime.NetworkMode;
import dev.hoist.runtime.mount.SecretSource;
import dev.hoist.runtime.mount.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RUN cache keys, worked out without running anything. */
class RunExecutorTest {
  @TempDir Path tmp;
  Path ctx;
  StageContext stage;

  @BeforeEach
  void setUp() throws Exception {
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("data.txt"), "one");
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    stage = new StageContext("Dockerfile", store, LayerWriter.defaults(), new StepCache(store, true),
        BuildClock.of(Optional.empty()), SourceTree.context(ctx, DockerIgnore.none(), FileHashCache.inMemory()),
        from -> {
          throw new AssertionError("no --from here");
        }, Files.createDirectories(tmp.resolve("work")), w -> { });
  }

  private Digest key(String line, Map<String, String> args, Secrets secrets) throws Exception {
    RunInstruction run = (RunInstruction) DockerfileParser.parse("Dockerfile", "FROM scratch\n" + line + "\n")
        .stages().get(0).instructions().get(0);
    RunExecutor executor = new RunExecutor(new RunEngine(stage.store(),
        new RunSettings(secrets, Map.of(), false, NetworkMode.HOST, Optional.empty()), w -> { }), ProgressListener.NONE);
    ImageState state = new ImageState(ImageConfig.scratch(Platform.parse("linux/amd64")), List.of(), false,
        CacheKey.root("test").digest());
    return executor.prepare(run, new StepInput(state, () -> {
      throw new AssertionError("RUN does not read the file view to key");
    }, args, stage)).key();
  }

  private static Secrets secret(String value) {
    return new Secrets(Map.of("s", new SecretSource.FromEnv("S")), k -> value);
  }

  @Test
  void keyCoversCommandArgsAndBoundContextContentButNeverSecretValues() throws Exception {
    String line = "RUN --mount=type=secret,id=s --mount=type=bind,source=data.txt,target=/d cat /d";
    Digest base = key(line, Map.of("A", "1"), secret("first"));
    assertThat(key(line, Map.of("A", "1"), secret("second"))).isEqualTo(base);
    assertThat(key(line, Map.of("A", "2"), secret("first"))).isNotEqualTo(base);
    assertThat(key(line.replace("cat /d", "cat /d && true"), Map.of("A", "1"), secret("first"))).isNotEqualTo(base);
    assertThat(key(line.replace("id=s", "id=t"), Map.of("A", "1"), secret("first"))).isNotEqualTo(base);
    Files.writeString(ctx.resolve("data.txt"), "two");
    assertThat(key(line, Map.of("A", "1"), secret("first"))).isNotEqualTo(base);
  }

  @Test
  void aContextBindIsKeyedByTheFilesDockerignoreKeepsOnly() throws Exception {
    Files.createDirectories(ctx.resolve("src"));
    Files.writeString(ctx.resolve("src/main.c"), "int main;");
    Files.writeString(ctx.resolve(".env"), "TOKEN=one");
    stage = new StageContext(stage.fileName(), stage.store(), stage.layerWriter(), stage.cache(), stage.clock(),
        SourceTree.context(ctx, DockerIgnore.of(List.of(".env", "src/*.log")), FileHashCache.inMemory()), stage.from(),
        stage.workDir(), stage.warnings());
    String line = "RUN --mount=type=bind,target=/ctx true";
    Digest base = key(line, Map.of(), Secrets.none());
    Files.writeString(ctx.resolve(".env"), "TOKEN=two");
    Files.writeString(ctx.resolve("src/debug.log"), "debug");
    assertThat(key(line, Map.of(), Secrets.none())).isEqualTo(base);
    Files.writeString(ctx.resolve("src/main.c"), "int main(void);");
    assertThat(key(line, Map.of(), Secrets.none())).isNotEqualTo(base);
  }

  @Test
  void cacheMountContentIsNotPartOfTheKeyButItsIdIs() throws Exception {
    Digest a = key("RUN --mount=type=cache,target=/c,id=x true", Map.of(), Secrets.none());
    assertThat(key("RUN --mount=type=cache,target=/c,id=x true", Map.of(), Secrets.none())).isEqualTo(a);
    assertThat(key("RUN --mount=type=cache,target=/c,id=y true", Map.of(), Secrets.none())).isNotEqualTo(a);
  }

  @Test
  void imageEnvWinsOverABuildArgOfTheSameName() {
    assertThat(RunExecutor.environment(Map.of("A", "arg", "B", "arg"), List.of("A=env", "PATH=/bin")))
        .containsExactly("B=arg", "A=env", "PATH=/bin");
  }
}
