package dev.hoist.build.api;

import dev.hoist.oci.HoistException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --annotation} values of a build, by where they go: each platform's manifest, or the
 * index that names them (built for several platforms). As buildx spells them: {@code key=value}
 * and {@code manifest:key=value} go on the manifests, {@code index:key=value} on the index, and
 * {@code index,manifest:key=value} on both.
 */
public record Annotations(Map<String, String> manifest, Map<String, String> index) {
  private static final Set<String> LEVELS = Set.of("manifest", "index");
  private static final Set<String> UNSUPPORTED = Set.of("manifest-descriptor", "index-descriptor");

  public Annotations {
    manifest = Map.copyOf(manifest);
    index = Map.copyOf(index);
  }

  public static Annotations none() {
    return new Annotations(Map.of(), Map.of());
  }

  /** Parses {@code [TYPE[,TYPE...]:]KEY=VALUE} values; a prefix that names no known level is part of the key. */
  public static Annotations parse(List<String> values) {
    Map<String, String> manifest = new LinkedHashMap<>();
    Map<String, String> index = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      String key = eq < 0 ? v : v.substring(0, eq);
      String value = eq < 0 ? "" : v.substring(eq + 1);
      List<String> levels = List.of("manifest");
      int colon = key.indexOf(':');
      if (colon > 0) {
        String prefix = key.substring(0, colon);
        List<String> named = List.of(prefix.split(",", -1));
        if (named.stream().allMatch(l -> LEVELS.contains(l) || UNSUPPORTED.contains(l) || l.contains("["))) {
          for (String l : named) {
            if (!LEVELS.contains(l)) {
              throw new HoistException("--annotation " + v + ": " + l
                  + " annotations are not supported (use manifest: or index:, without a platform)");
            }
          }
          levels = named;
          key = key.substring(colon + 1);
        }
      }
      if (key.isEmpty()) {
        throw new HoistException("--annotation " + v + ": the name is empty");
      }
      if (levels.contains("manifest")) {
        manifest.put(key, value);
      }
      if (levels.contains("index")) {
        index.put(key, value);
      }
    }
    return new Annotations(manifest, index);
  }

  public boolean isEmpty() {
    return manifest.isEmpty() && index.isEmpty();
  }
}
