package dev.hoist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** hoist's version, from the properties Maven writes at build time. */
public final class HoistVersion implements CommandLine.IVersionProvider {
  /** The version string, e.g. {@code 0.1.0}. */
  public static String version() {
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
