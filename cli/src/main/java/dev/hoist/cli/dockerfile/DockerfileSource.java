package dev.hoist.cli.dockerfile;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where {@code -f} points: a file, or {@code -} for standard input. */
record DockerfileSource(String name, String text) {

  static DockerfileSource read(String file, InputStream stdin) {
    try {
      if (file.equals("-")) {
        return new DockerfileSource("Dockerfile", new String(stdin.readAllBytes(), StandardCharsets.UTF_8));
      }
      return new DockerfileSource(file, Files.readString(Path.of(file), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new HoistException("no Dockerfile at " + file + " (use -f to name another file)");
    } catch (IOException e) {
      throw new HoistException("cannot read " + file + ": " + e.getMessage());
    }
  }

  Dockerfile parse() {
    return DockerfileParser.parse(name, text);
  }
}
