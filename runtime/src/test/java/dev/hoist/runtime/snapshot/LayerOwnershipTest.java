package dev.hoist.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.cache.extract.EntryOwner;
import dev.hoist.oci.Digest;
import dev.hoist.runtime.userns.IdMapping;
import dev.hoist.runtime.userns.IdRange;
import dev.hoist.runtime.userns.ProcessIds;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths of {@link LayerOwnership} that need no child process: no user namespace, and one
 * without subordinate ids (the fallback: owners left to the user, one warning). The chown inside a
 * namespace with subordinate ids is exercised for real, as the CI user, by {@code RootlessOwnershipIT}.
 */
class LayerOwnershipTest {
  @TempDir Path tmp;
  private final List<String> warnings = new ArrayList<>();
  private final Digest chain = Digest.sha256("layer");

  @Test
  void withoutSubordinateIdsTheFilesStayTheUsersWithOneWarning() throws Exception {
    IdMapping single = new IdMapping(List.of(new IdRange(0, ProcessIds.effectiveUid(), 1)),
        List.of(new IdRange(0, ProcessIds.effectiveGid(), 1)));
    LayerOwnership ownership = new LayerOwnership(new UserNamespace(true, single), warnings::add);
    List<EntryOwner> owners = List.of(new EntryOwner("app.txt", 1000, 1000, 0644));

    ownership.moveIntoPlace(unpacked("a"), tmp.resolve("layer-a"), owners, chain);
    ownership.moveIntoPlace(unpacked("b"), tmp.resolve("layer-b"), owners, chain);

    assertThat(owner(tmp.resolve("layer-a/app.txt"))).isEqualTo(ProcessIds.effectiveUid());
    assertThat(tmp.resolve("layer-b/app.txt")).exists();
    assertThat(warnings).containsExactly("warning: files of the base image owned by other users than root (app.txt is"
        + " 1000:1000) show as root inside RUN: add a range for " + System.getProperty("user.name")
        + " to /etc/subuid and /etc/subgid and install uidmap (newuidmap)");
  }

  @Test
  void withoutAUserNamespaceTheFolderIsOnlyMoved() throws Exception {
    LayerOwnership ownership = new LayerOwnership(new UserNamespace(false, IdMapping.identity()), warnings::add);
    ownership.moveIntoPlace(unpacked("a"), tmp.resolve("layer"), List.of(new EntryOwner("app.txt", 1000, 1000, 0644)),
        chain);
    assertThat(owner(tmp.resolve("layer/app.txt"))).isEqualTo(ProcessIds.effectiveUid());
    assertThat(warnings).isEmpty();
  }

  private Path unpacked(String name) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("tmp").resolve(name));
    Files.writeString(dir.resolve("app.txt"), "app");
    return dir;
  }

  private static long owner(Path p) throws Exception {
    return ((Number) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
  }
}
