package dev.hoist.build.step;

import dev.hoist.oci.HoistException;
import java.util.Optional;

/**
 * The uid and gid of a {@code --chown=user[:group]} or of the image's {@code USER}: numbers as they
 * are, names looked up in the image's {@code /etc/passwd} and {@code /etc/group}. A user without a
 * group gets the user's primary group from passwd (or, for a number, the same number).
 */
public record Owner(long uid, long gid) {
  public static final Owner ROOT = new Owner(0, 0);

  /** The owner {@code --chown} names; a name the image's passwd or group lacks is an error. */
  public static Owner resolve(String spec, ImageFiles files) {
    return resolve(spec, files, true);
  }

  /**
   * The owner of what a step makes as the image's {@code USER} (WORKDIR's directories), as
   * BuildKit's file operations resolve it: a name the image lacks is no error there, an unknown user
   * counts as 0:0 and an unknown group leaves the user's gid.
   */
  public static Owner ofUser(String spec, ImageFiles files) {
    return resolve(spec, files, false);
  }

  private static Owner resolve(String spec, ImageFiles files, boolean strict) {
    int colon = spec.indexOf(':');
    String user = colon < 0 ? spec : spec.substring(0, colon);
    Optional<String> group = colon < 0 ? Optional.empty() : Optional.of(spec.substring(colon + 1));
    long uid;
    long primaryGid;
    if (user.matches("[0-9]+")) {
      uid = Long.parseLong(user);
      primaryGid = uid;
    } else {
      Optional<String[]> entry = lookup(files.text("etc/passwd"), user);
      if (entry.isEmpty() && strict) {
        throw new HoistException("unable to find user " + user + ": no matching entries in passwd file");
      }
      uid = entry.isEmpty() ? 0 : number(entry.get(), 2, "passwd", user);
      primaryGid = entry.isEmpty() ? 0 : number(entry.get(), 3, "passwd", user);
    }
    long gid = primaryGid;
    if (group.isPresent()) {
      String g = group.get();
      if (g.matches("[0-9]+")) {
        gid = Long.parseLong(g);
      } else {
        Optional<String[]> entry = lookup(files.text("etc/group"), g);
        if (entry.isEmpty() && strict) {
          throw new HoistException("unable to find group " + g + ": no matching entries in group file");
        }
        gid = entry.isEmpty() ? gid : number(entry.get(), 2, "group", g);
      }
    }
    return new Owner(uid, gid);
  }

  private static Optional<String[]> lookup(Optional<String> file, String name) {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    for (String line : file.get().split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[0].equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static long number(String[] entry, int field, String file, String name) {
    try {
      return Long.parseLong(entry[field].trim());
    } catch (RuntimeException e) {
      throw new HoistException("bad " + file + " entry for " + name);
    }
  }
}
