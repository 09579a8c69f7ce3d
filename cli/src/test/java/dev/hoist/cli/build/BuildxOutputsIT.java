package dev.hoist.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoist.oci.Json;
import dev.hoist.registry.testing.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * buildx's output forms: {@code type=registry,name=R} and {@code type=image,name=R,push=true}
 * push without {@code -t} (several names in one quoted CSV field), and {@code dest=-} sends the
 * oci, docker and tar outputs to stdout with nothing else there; read back with skopeo and tar.
 */
class BuildxOutputsIT {
  @RegisterExtension static RegistryExtension registry = RegistryExtension.plain();
  @TempDir Path tmp;
  Path ctx;
  Path home;

  @BeforeEach
  void context() throws Exception {
    ctx = Files.createDirectories(tmp.resolve("ctx"));
    Files.writeString(ctx.resolve("hello.txt"), "hello\n");
    Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
    home = tmp.resolve("home");
  }

  private String digestOf(String ref) throws Exception {
    JsonNode inspect = Json.mapper().readTree(Proc.tool(tmp, "skopeo", "inspect", "--tls-verify=false",
        "docker://" + ref).ok().out());
    return inspect.get("Digest").asText();
  }

  @Test
  void registryAndImageOutputsPushToTheirNamesWithoutATag() throws Exception {
    String one = registry.hostPort() + "/named/one:1";
    Proc p = Proc.hoist(home, tmp, null, "build", "--iidfile", tmp.resolve("iid").toString(),
        "--output", "type=registry,name=" + one, ctx.toString()).ok();
    String iid = Files.readString(tmp.resolve("iid"));
    assertThat(digestOf(one)).isEqualTo(iid);
    assertThat(p.err()).contains("pushed " + one + "@" + iid);

    String two = registry.hostPort() + "/named/two:2";
    String three = registry.hostPort() + "/named/three:3";
    Proc.hoist(home, tmp, null, "build", "-q",
        "--output", "type=image,\"name=" + two + "," + three + "\",push=true", ctx.toString()).ok();
    assertThat(digestOf(two)).isEqualTo(iid);
    assertThat(digestOf(three)).isEqualTo(iid);

    String stored = registry.hostPort() + "/named/local:1";
    Proc.hoist(home, tmp, null, "build", "-q", "--output", "type=image,name=" + stored, ctx.toString()).ok();
    assertThat(Proc.hoist(home, tmp, null, "images").ok().out()).contains("named/local");
    assertThat(Proc.tool(tmp, "skopeo", "inspect", "--tls-verify=false", "docker://" + stored).exit()).isNotZero();

    Proc none = Proc.hoist(home, tmp, null, "build", "--output", "type=registry", ctx.toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).isEqualTo("hoist: --push needs a -t name or an --output name= to push to\n");
    Proc badQuote = Proc.hoist(home, tmp, null, "build", "--output", "type=image,name=\"a,b\"", ctx.toString());
    assertThat(badQuote.exit()).isEqualTo(2);
    assertThat(badQuote.err()).contains("quote the whole field").hasLineCount(1);
  }

  @Test
  void archivesGoToStdoutAndEverythingElseToStderr() throws Exception {
    Path oci = tmp.resolve("oci.tar");
    Proc p = Proc.hoistToFile(home, tmp, oci, "build", "-q", "--progress", "plain", "-t", "out:1",
        "--output", "type=oci,dest=-", ctx.toString()).ok();
    String digest = p.err().strip();
    assertThat(digest).startsWith("sha256:");
    assertThat(Proc.tool(tmp, "skopeo", "inspect", "oci-archive:" + oci).ok().out()).contains(digest);
    // Streamed in one pass: the archive is complete (index.json last) and every blob matches its digest.
    assertThat(Proc.tool(tmp, "tar", "-tf", oci.toString()).ok().out().lines()).startsWith("oci-layout").endsWith("index.json");
    Proc.tool(tmp, "skopeo", "copy", "oci-archive:" + oci, "oci:" + tmp.resolve("oci-copy")).ok();

    Path docker = tmp.resolve("docker.tar");
    Proc.hoistToFile(home, tmp, docker, "build", "--progress", "json", "-o", "type=docker,dest=-", ctx.toString()).ok();
    assertThat(Proc.tool(tmp, "skopeo", "inspect", "--config", "docker-archive:" + docker).ok().out())
        .contains("\"diff_ids\"");

    Path rootfs = tmp.resolve("rootfs.tar");
    Proc json = Proc.hoistToFile(home, tmp, rootfs, "build", "--progress", "json", "-o", "-", ctx.toString()).ok();
    assertThat(json.err()).contains("{\"");
    assertThat(Proc.tool(tmp, "tar", "-xOf", rootfs.toString(), "hello.txt").ok().out()).isEqualTo("hello\n");
    assertThat(Proc.tool(tmp, "tar", "-tf", rootfs.toString()).ok().out().lines()).contains("hello.txt");

    Proc dir = Proc.hoist(home, tmp, null, "build", "-o", "type=local,dest=-", ctx.toString());
    assertThat(dir.exit()).isEqualTo(2);
    assertThat(dir.err()).contains("needs a path").hasLineCount(1);
  }
}
