package dev.hoist.build.step;

import dev.hoist.oci.HoistException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The uid and gid of a {@code --chown=user[:group]} or of the image's {@code USER}: numbers as they
 * are, names looked up in the image's {@code /etc/passwd} and {@code /etc/group}. A user without a
 * group gets the user's primary group from passwd (or, for a number, the same number).
 */
public record Owner(long uid, long gid) {
  public static final Owner ROOT = new Owner(0, 0);
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  /** A {@code user[:group]} spec split at its first colon. */
  private record Spec(String user, Optional<String> group) {
    static Spec of(String spec) {
      int colon = spec.indexOf(':');
      return colon < 0 ? new Spec(spec, Optional.empty())
          : new Spec(spec.substring(0, colon), Optional.of(spec.substring(colon + 1)));
    }
  }

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

  /**
   * The owner of a {@code --link} copy's {@code --chown}: numbers, or "root" (a group left out is the
   * user's number). A name would need the image's passwd, which a linked layer never reads; BuildKit
   * rejects it too.
   */
  public static Owner numeric(String spec) {
    Spec s = Spec.of(spec);
    long uid = numericId(s.user(), spec);
    return new Owner(uid, s.group().isPresent() ? numericId(s.group().get(), spec) : uid);
  }

  private static long numericId(String part, String spec) {
    if (part.equals("root")) {
      return 0;
    }
    if (!NUMBER.matcher(part).matches()) {
      throw new HoistException("--chown=" + spec + " with --link: a user or group name needs the image's"
          + " /etc/passwd and /etc/group, which a --link layer does not read; use numeric ids");
    }
    return Long.parseLong(part);
  }

  private static Owner resolve(String spec, ImageFiles files, boolean strict) {
    Spec s = Spec.of(spec);
    String user = s.user();
    Optional<String> group = s.group();
    long uid;
    long primaryGid;
    if (NUMBER.matcher(user).matches()) {
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
      if (NUMBER.matcher(g).matches()) {
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
