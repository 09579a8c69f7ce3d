package dev.hoist.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.build.api.BuildRequest;
import dev.hoist.build.api.BuildResult;
import dev.hoist.build.api.Builder;
import dev.hoist.build.image.StoreImageSource;
import dev.hoist.build.progress.ProgressEvent;
import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.Platform;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cache-to type=local} and {@code --cache-from type=local} between two unrelated stores. */
class CacheExportTest {
  private static final String DOCKERFILE = """
      FROM scratch AS tools
      COPY tool.sh /bin/
      FROM scratch
      COPY a.txt /
      COPY --from=tools /bin/tool.sh /usr/bin/
      ENV MODE=prod
      """;
  @TempDir Path tmp;
  Path cacheDir;

  @BeforeEach
  void setUp() {
    cacheDir = tmp.resolve("cache");
  }

  private Path context(String name) throws IOException {
    Path ctx = Files.createDirectories(tmp.resolve(name));
    Files.writeString(ctx.resolve("a.txt"), "alpha\n");
    Files.writeString(ctx.resolve("tool.sh"), "echo tool\n");
    return ctx;
  }

  private static BuildResult build(LocalStore store, Path ctx, List<CacheSource> from, List<String> warnings)
      throws IOException {
    return new Builder(store, new StoreImageSource(store)).withCacheFrom(from)
        .build(BuildRequest.of(ctx).withDockerfileText(DOCKERFILE).withPlatforms(List.of(Platform.parse("linux/amd64"))),
            e -> {
              if (e instanceof ProgressEvent.Info i) {
                warnings.add(i.message());
              }
            });
  }

  private int export(LocalStore store, BuildResult r, CacheSpec.Mode mode) throws IOException {
    return new CacheExporter(store, new RegistryClients(RegistryConfig.defaults())).export(r.cacheKeys(),
        r.images().stream().map(BuildResult.PlatformImage::manifest).toList(),
        new CacheSpec(CacheSpec.Type.LOCAL, cacheDir.toString(), mode));
  }

  @Test
  void anotherStoreOnAnotherPathRebuildsNothingFromAnExportedCache() throws IOException {
    LocalStore first = LocalStore.open(tmp.resolve("home1"));
    List<String> warnings = new ArrayList<>();
    BuildResult built = build(first, context("ctx1"), List.of(), warnings);
    assertThat(built.stepsRun()).isPositive();
    int max = export(first, built, CacheSpec.Mode.MAX);
    assertThat(ImageIndex.parse(Files.readAllBytes(cacheDir.resolve("index.json")), "index").manifests()).hasSize(max);

    LocalStore second = LocalStore.open(tmp.resolve("home2"));
    BuildResult again = build(second, context("ctx2"), List.of(new LayoutCacheSource(cacheDir)), warnings);
    assertThat(again.stepsRun()).isZero();
    assertThat(again.root().digest()).isEqualTo(built.root().digest());
    assertThat(second.hasBlob(again.root().digest())).isTrue();
    assertThat(warnings).isEmpty();
  }

  @Test
  void minKeepsOnlyTheStepsLeadingToTheImageAndAChangedFileRebuildsFromThere() throws IOException {
    LocalStore first = LocalStore.open(tmp.resolve("home1"));
    BuildResult built = build(first, context("ctx1"), List.of(), new ArrayList<>());
    int min = export(first, built, CacheSpec.Mode.MIN);
    Path maxDir = cacheDir;
    cacheDir = tmp.resolve("cache-max");
    int max = export(first, built, CacheSpec.Mode.MAX);
    assertThat(min).isLessThan(max);

    LocalStore second = LocalStore.open(tmp.resolve("home2"));
    Path ctx = context("ctx2");
    Files.writeString(ctx.resolve("tool.sh"), "echo changed\n");
    BuildResult changed = build(second, ctx, List.of(new LayoutCacheSource(maxDir)), new ArrayList<>());
    assertThat(changed.stepsRun()).isEqualTo(3);
    assertThat(changed.root().digest()).isNotEqualTo(built.root().digest());
  }

  @Test
  void aMissingCacheIsEmptyAndABrokenOneIsAWarning() throws IOException {
    List<String> warnings = new ArrayList<>();
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    BuildResult r = build(store, context("ctx"), List.of(new LayoutCacheSource(tmp.resolve("nothing"))), warnings);
    assertThat(r.stepsRun()).isPositive();
    assertThat(warnings).isEmpty();

    Files.createDirectories(cacheDir);
    Files.writeString(cacheDir.resolve("index.json"), "{not json");
    BuildResult again = build(LocalStore.open(tmp.resolve("home2")), context("ctx2"),
        List.of(new LayoutCacheSource(cacheDir)), warnings);
    assertThat(again.stepsRun()).isEqualTo(r.stepsRun());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("cache from " + cacheDir + " not used");
  }

  @Test
  void aLayoutWithoutHoistEntriesSaysSoOnce() throws IOException {
    LocalStore store = LocalStore.open(tmp.resolve("home"));
    BuildResult built = build(store, context("ctx"), List.of(), new ArrayList<>());
    Files.createDirectories(cacheDir);
    Files.write(cacheDir.resolve("index.json"), ImageIndex.oci(List.of(built.root()), java.util.Map.of()).toJson());
    List<String> warnings = new ArrayList<>();
    BuildResult again = build(LocalStore.open(tmp.resolve("home2")), context("ctx2"),
        List.of(new LayoutCacheSource(cacheDir)), warnings);
    assertThat(again.stepsRun()).isEqualTo(built.stepsRun());
    assertThat(warnings).containsExactly("cache from " + cacheDir + " not used: " + cacheDir
        + " holds no cache written by --cache-to (hoist cannot read BuildKit's cache format or an image as a cache)");
  }
}
