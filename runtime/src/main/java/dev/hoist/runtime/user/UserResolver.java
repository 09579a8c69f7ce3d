package dev.hoist.runtime.user;

import dev.hoist.oci.HoistException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a Dockerfile {@code USER} value ({@code name}, {@code uid}, {@code name:group},
 * {@code uid:gid}) through the image's {@code /etc/passwd} and {@code /etc/group}, as Docker does:
 * a name must exist, a numeric uid need not (then gid 0 and {@code HOME=/}); supplementary groups
 * are the groups that list the user as a member, unless a group was given explicitly.
 */
public final class UserResolver {
  private final List<String[]> passwd;
  private final List<String[]> group;

  /** {@code passwd} and {@code group} are the files' text, empty when the image has none. */
  public UserResolver(String passwd, String group) {
    this.passwd = parse(passwd, 7);
    this.group = parse(group, 4);
  }

  public ResolvedUser resolve(String spec) {
    String value = spec.isBlank() ? "0" : spec.trim();
    int colon = value.indexOf(':');
    String userPart = colon < 0 ? value : value.substring(0, colon);
    Optional<String> groupPart = colon < 0 ? Optional.empty() : Optional.of(value.substring(colon + 1));

    Optional<String[]> entry = findUser(userPart);
    int uid;
    int gid;
    String home;
    String name;
    if (entry.isPresent()) {
      String[] e = entry.get();
      uid = parseId(e[2], "uid of " + e[0] + " in /etc/passwd");
      gid = parseId(e[3], "gid of " + e[0] + " in /etc/passwd");
      home = e[5].isEmpty() ? "/" : e[5];
      name = e[0];
    } else if (isNumeric(userPart)) {
      uid = parseId(userPart, "USER");
      gid = 0;
      home = "/";
      name = "";
    } else {
      throw new HoistException("unable to find user " + userPart + ": no matching entries in passwd file");
    }

    List<Integer> additional = new ArrayList<>();
    if (groupPart.isPresent()) {
      gid = resolveGroup(groupPart.get());
    } else if (!name.isEmpty()) {
      Set<Integer> gids = new LinkedHashSet<>();
      for (String[] g : group) {
        for (String member : g[3].split(",")) {
          if (member.trim().equals(name)) {
            gids.add(parseId(g[2], "gid of group " + g[0] + " in /etc/group"));
          }
        }
      }
      gids.remove(gid);
      additional.addAll(gids);
    }
    return new ResolvedUser(uid, gid, additional, home);
  }

  private int resolveGroup(String groupName) {
    for (String[] g : group) {
      if (g[0].equals(groupName)) {
        return parseId(g[2], "gid of group " + g[0] + " in /etc/group");
      }
    }
    if (isNumeric(groupName)) {
      return parseId(groupName, "USER group");
    }
    throw new HoistException("unable to find group " + groupName + ": no matching entries in group file");
  }

  private Optional<String[]> findUser(String userPart) {
    for (String[] e : passwd) {
      if (e[0].equals(userPart)) {
        return Optional.of(e);
      }
    }
    if (isNumeric(userPart)) {
      for (String[] e : passwd) {
        if (e[2].equals(userPart)) {
          return Optional.of(e);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static int parseId(String s, String what) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0 || v > 0xFFFF_FFFEL) {
        throw new NumberFormatException();
      }
      return (int) v;
    } catch (NumberFormatException e) {
      throw new HoistException("invalid " + what + ": " + s);
    }
  }

  private static List<String[]> parse(String text, int fields) {
    List<String[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(":", -1);
      if (parts.length < fields) {
        String[] padded = new String[fields];
        for (int i = 0; i < fields; i++) {
          padded[i] = i < parts.length ? parts[i] : "";
        }
        parts = padded;
      }
      rows.add(parts);
    }
    return rows;
  }
}
