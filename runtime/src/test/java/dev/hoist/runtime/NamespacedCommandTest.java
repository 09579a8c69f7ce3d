package dev.hoist.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.runtime.snapshot.OverlayMount;
import dev.hoist.runtime.userns.IdMapping;
import dev.hoist.runtime.userns.IdRange;
import dev.hoist.runtime.userns.UserNamespace;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamespacedCommandTest {
  private static final UserNamespace ROOT = new UserNamespace(false, IdMapping.identity());
  private final OverlayMount overlay = new OverlayMount(List.of(Path.of("l/0")), Path.of("/s/upper"), Path.of("/s/work"),
      Path.of("/s/merged"), Path.of("/s/it's"));

  @Test
  void rootWithoutMountsRunsTheRuntimeDirectly() {
    assertThat(NamespacedCommand.of(ROOT, Optional.empty(), List.of(), List.of("runc", "run", "x")))
        .containsExactly("runc", "run", "x");
  }

  @Test
  void overlayIsMountedInAPrivateNamespaceByAQuotedScript() {
    List<String> cmd = NamespacedCommand.of(ROOT, Optional.of(overlay), List.of(), List.of("runc", "run", "x"));
    assertThat(cmd.subList(0, 5)).containsExactly("unshare", "--mount", "--", "sh", "-c");
    String fail = " || { echo 'hoist: container setup failed' >&2; exit 125; }; ";
    assertThat(cmd.get(5)).isEqualTo("'cd' '/s/it'\\''s'" + fail
        + "'mount' '-t' 'overlay' 'overlay' '-o' 'lowerdir=l/0,upperdir=/s/upper,workdir=/s/work,userxattr' '/s/merged'"
        + fail + "exec 'runc' 'run' 'x'");
  }

  @Test
  void rootlessRunsInAUserNamespaceWithSubordinateRanges() {
    UserNamespace userns = new UserNamespace(true, new IdMapping(
        List.of(new IdRange(0, 1001, 1), new IdRange(1, 100000, 65536)),
        List.of(new IdRange(0, 1001, 1), new IdRange(1, 100000, 65536))));
    assertThat(NamespacedCommand.of(userns, Optional.empty(), List.of(), List.of("crun", "run", "x"))).containsExactly(
        "unshare", "--user", "--map-user=0", "--map-group=0", "--map-users=100000,1,65536",
        "--map-groups=100000,1,65536", "--mount", "--", "crun", "run", "x");
  }

  @Test
  void overlayOptionsEscapeCommasAndColons() {
    OverlayMount odd = new OverlayMount(List.of(Path.of("/a:b"), Path.of("/c,d")), Path.of("/u"), Path.of("/w"),
        Path.of("/m"), Path.of("/"));
    assertThat(odd.options()).isEqualTo("lowerdir=/a\\:b:/c\\,d,upperdir=/u,workdir=/w,userxattr");
  }
}
