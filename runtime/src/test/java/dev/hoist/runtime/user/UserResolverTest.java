package dev.hoist.runtime.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserResolverTest {
  private final UserResolver resolver = new UserResolver(
      "root:x:0:0:root:/root:/bin/sh\n# comment\napp:x:1000:1001:App:/home/app:/bin/sh\nnohome:x:1002:1002:::/bin/sh\n",
      "root:x:0:\napp:x:1001:\nwheel:x:10:app,other\ndocker:x:999:other, app\n");

  @Test
  void nameResolvesUidGidHomeAndSupplementaryGroups() {
    assertThat(resolver.resolve("app")).isEqualTo(new ResolvedUser(1000, 1001, List.of(10, 999), "/home/app"));
  }

  @Test
  void uidOfAKnownUserIsLikeItsName() {
    assertThat(resolver.resolve("1000")).isEqualTo(resolver.resolve("app"));
  }

  @Test
  void explicitGroupReplacesPrimaryAndDropsSupplementary() {
    assertThat(resolver.resolve("app:wheel")).isEqualTo(new ResolvedUser(1000, 10, List.of(), "/home/app"));
    assertThat(resolver.resolve("app:4242")).isEqualTo(new ResolvedUser(1000, 4242, List.of(), "/home/app"));
  }

  @Test
  void unknownNumericUidRunsWithGidZeroAndRootHome() {
    assertThat(resolver.resolve("4000")).isEqualTo(new ResolvedUser(4000, 0, List.of(), "/"));
    assertThat(resolver.resolve("4000:4001")).isEqualTo(new ResolvedUser(4000, 4001, List.of(), "/"));
  }

  @Test
  void emptyHomeIsSlash() {
    assertThat(resolver.resolve("nohome").home()).isEqualTo("/");
  }

  @Test
  void unknownNamesAreErrors() {
    assertThatThrownBy(() -> resolver.resolve("ghost"))
        .isInstanceOf(HoistException.class).hasMessage("unable to find user ghost: no matching entries in passwd file");
    assertThatThrownBy(() -> resolver.resolve("app:ghosts"))
        .isInstanceOf(HoistException.class).hasMessage("unable to find group ghosts: no matching entries in group file");
  }

  @Test
  void imageWithoutPasswdRunsNumericIds() {
    assertThat(new UserResolver("", "").resolve("0")).isEqualTo(new ResolvedUser(0, 0, List.of(), "/"));
  }
}
