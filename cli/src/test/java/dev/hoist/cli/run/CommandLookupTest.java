package dev.hoist.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hoist.runtime.snapshot.LowerStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program lookup of {@code hoist run} on a layer folder with a merged-/usr layout. */
class CommandLookupTest {
  @TempDir Path layer;
  LowerStack image;

  @BeforeEach
  void image() throws Exception {
    Path usrBin = Files.createDirectories(layer.resolve("usr/bin"));
    Files.writeString(usrBin.resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(usrBin.resolve("tool"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(usrBin.resolve("alias"), Path.of("tool"));
    Files.writeString(usrBin.resolve("data"), "x\n");
    Files.createSymbolicLink(layer.resolve("bin"), Path.of("usr/bin"));
    image = new LowerStack(List.of(layer));
  }

  @Test
  void findsProgramsThroughSymlinkedFoldersAndLinks() throws Exception {
    CommandLookup lookup = new CommandLookup(image, List.of());
    assertThat(lookup.check("tool", List.of("PATH=/bin"), "/")).isEmpty();
    assertThat(lookup.check("alias", List.of(), "/")).isEmpty();
    assertThat(lookup.check("/bin/tool", List.of(), "/")).isEmpty();
    assertThat(lookup.check("./usr/bin/alias", List.of(), "/")).isEmpty();
  }

  @Test
  void missingIs127AndNotExecutableIs126() throws Exception {
    CommandLookup lookup = new CommandLookup(image, List.of());
    assertThat(lookup.check("nope", List.of(), "/")).get().extracting(CommandLookup.Failure::exitCode).isEqualTo(127);
    assertThat(lookup.check("/bin/nope", List.of(), "/")).get().extracting(CommandLookup.Failure::exitCode).isEqualTo(127);
    assertThat(lookup.check("data", List.of(), "/")).get().extracting(CommandLookup.Failure::exitCode).isEqualTo(126);
    assertThat(lookup.check("/usr/bin", List.of(), "/")).get().extracting(CommandLookup.Failure::exitCode).isEqualTo(126);
  }

  @Test
  void programsUnderAMountAreLeftToTheRuntime() throws Exception {
    assertThat(new CommandLookup(image, List.of("/opt/tools")).check("/opt/tools/x", List.of(), "/")).isEmpty();
    assertThat(new CommandLookup(image, List.of("/opt/tools")).check("x", List.of("PATH=/opt/tools"), "/")).isEmpty();
  }
}
