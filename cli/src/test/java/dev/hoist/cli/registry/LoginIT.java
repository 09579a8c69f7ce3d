package dev.hoist.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.registry.testing.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** login/logout against a TLS registry with htpasswd auth; its CA is found in ~/.config/hoist/certs.d. */
class LoginIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.tlsWithBasicAuth();
  @TempDir Path home;

  @Test
  void loginStoresCredentialsThatLaterCommandsUseAndLogoutRemovesThem() throws Exception {
    String host = registry.hostPort();
    registry.pushRandomImage("private/app", "v1", 100);
    registry.trustIn(home.resolve(".config/hoist/certs.d"));

    HoistRun.Result anonymous = HoistRun.run(home, null, "tags", host + "/private/app");
    assertThat(anonymous.exit()).isEqualTo(1);
    assertThat(anonymous.err()).startsWith("hoist: registry " + host + ": repository private/app: ").contains("(HTTP 401)");

    HoistRun.Result wrong = HoistRun.run(home, "nope\n", "login", host, "-u", RegistryExtension.USER, "--password-stdin");
    assertThat(wrong.exit()).isEqualTo(1);
    assertThat(wrong.err()).contains("(HTTP 401)").doesNotContain("nope");
    assertThat(home.resolve(".docker/config.json")).doesNotExist();

    HoistRun.Result login = HoistRun.run(home, RegistryExtension.PASSWORD + "\n", "login", host, "-u",
        RegistryExtension.USER, "--password-stdin");
    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(Files.readString(home.resolve(".docker/config.json"))).contains(host).doesNotContain(RegistryExtension.PASSWORD);

    HoistRun.Result tags = HoistRun.run(home, null, "tags", host + "/private/app");
    assertThat(tags.exit()).as(tags.err()).isZero();
    assertThat(tags.out().trim()).isEqualTo("v1");

    assertThat(HoistRun.run(home, null, "logout", host).out()).contains("Removed");
    assertThat(HoistRun.run(home, null, "tags", host + "/private/app").exit()).isEqualTo(1);

    HoistRun.Result usage = HoistRun.run(home, null, "login", host);
    assertThat(usage.exit()).isEqualTo(2);
  }
}
