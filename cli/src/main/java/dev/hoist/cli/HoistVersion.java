package dev.hoist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** hoist's version, from the jar's manifest or the properties Maven writes at build time. */
public final class HoistVersion implements CommandLine.IVersionProvider {
  /**
   * The version string, e.g. {@code 0.1.0}: from the jar's manifest (Implementation-Version, which
   * the CLI jar's build writes from the same project version as the properties), else from the
   * properties. Every run asks for it (picocli hands the root's version to the subcommand it runs),
   * and looking the properties up in the jar cost ~5 ms of each run; the manifest was read already.
   */
  public static String version() {
    String manifest = HoistVersion.class.getPackage().getImplementationVersion();
    if (manifest != null) {
      return manifest;
    }
    try (InputStream in = HoistVersion.class.getResourceAsStream("/hoist-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "hoist " + version(),
      "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
      "os " + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
    };
  }
}
