package dev.hoist.runtime.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecretSourceTest {
  @Test
  void parsesFileEnvAndBareIdForms() {
    assertThat(SecretSource.parse("id=npm,src=/home/me/.npmrc"))
        .isEqualTo(new SecretSource.Named("npm", new SecretSource.FromFile(Path.of("/home/me/.npmrc"))));
    assertThat(SecretSource.parse("id=tok,env=GH_TOKEN"))
        .isEqualTo(new SecretSource.Named("tok", new SecretSource.FromEnv("GH_TOKEN")));
    assertThat(SecretSource.parse("id=GH_TOKEN"))
        .isEqualTo(new SecretSource.Named("GH_TOKEN", new SecretSource.FromEnv("GH_TOKEN")));
  }

  @Test
  void rejectsMissingIdAndUnknownKeys() {
    assertThatThrownBy(() -> SecretSource.parse("src=/x")).hasMessage("invalid --secret src=/x: id is required");
    assertThatThrownBy(() -> SecretSource.parse("id=a,foo=b")).hasMessage("invalid --secret id=a,foo=b: unknown key foo");
  }

  @Test
  void cacheKeysAreHashesSoIdsCannotNameOtherFolders() {
    assertThat(CacheDirs.key("../../etc")).matches("[0-9a-f]{32}");
    assertThat(new CacheDirs(Path.of("/c")).dirOf("../../etc").getParent()).isEqualTo(Path.of("/c"));
  }
}
