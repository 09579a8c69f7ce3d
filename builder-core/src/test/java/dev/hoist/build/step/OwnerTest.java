package dev.hoist.build.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnerTest {
  private static ImageFiles etc() throws Exception {
    byte[] passwd = "root:x:0:0::/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n".getBytes(StandardCharsets.UTF_8);
    byte[] group = "root:x:0:\nstaff:x:50:\n".getBytes(StandardCharsets.UTF_8);
    return ImageFiles.empty().plus(List.of(
        new FileEntry("etc/passwd", FileEntry.Kind.FILE, 0644, 0, 0, 0, passwd.length, "", Optional.empty(), Optional.of(passwd)),
        new FileEntry("etc/group", FileEntry.Kind.FILE, 0644, 0, 0, 0, group.length, "", Optional.empty(), Optional.of(group))));
  }

  @Test
  void namesAndNumbers() throws Exception {
    ImageFiles f = etc();
    assertThat(Owner.resolve("app", f)).isEqualTo(new Owner(1000, 1001));
    assertThat(Owner.resolve("app:staff", f)).isEqualTo(new Owner(1000, 50));
    assertThat(Owner.resolve("42", f)).isEqualTo(new Owner(42, 42));
    assertThat(Owner.resolve("42:7", ImageFiles.empty())).isEqualTo(new Owner(42, 7));
  }

  @Test
  void unknownNamesFailClearly() throws Exception {
    assertThatThrownBy(() -> Owner.resolve("ghost", etc())).hasMessageContaining("unable to find user ghost");
    assertThatThrownBy(() -> Owner.resolve("app:ghosts", etc())).hasMessageContaining("unable to find group ghosts");
  }

  @Test
  void theImageUserResolvesAsBuildkitsMkdirDoes() throws Exception {
    ImageFiles f = etc();
    assertThat(Owner.ofUser("app", f)).isEqualTo(new Owner(1000, 1001));
    assertThat(Owner.ofUser("app:staff", f)).isEqualTo(new Owner(1000, 50));
    assertThat(Owner.ofUser("1000", f)).isEqualTo(new Owner(1000, 1000));
    assertThat(Owner.ofUser("ghost", f)).isEqualTo(Owner.ROOT);
    assertThat(Owner.ofUser("app:ghosts", f)).isEqualTo(new Owner(1000, 1001));
    assertThat(Owner.ofUser("app", ImageFiles.empty())).isEqualTo(Owner.ROOT);
  }

  @Test
  void aLinkedCopyTakesNumbersOrRootOnly() {
    assertThat(Owner.numeric("42")).isEqualTo(new Owner(42, 42));
    assertThat(Owner.numeric("42:7")).isEqualTo(new Owner(42, 7));
    assertThat(Owner.numeric("root")).isEqualTo(Owner.ROOT);
    assertThat(Owner.numeric("1000:root")).isEqualTo(new Owner(1000, 0));
    assertThatThrownBy(() -> Owner.numeric("app")).hasMessageContaining("--chown=app with --link")
        .hasMessageContaining("use numeric ids");
    assertThatThrownBy(() -> Owner.numeric("1000:staff")).hasMessageContaining("--chown=1000:staff with --link");
    assertThatThrownBy(() -> Owner.numeric("1000:")).hasMessageContaining("--chown=1000: with --link");
  }
}
