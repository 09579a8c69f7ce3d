package dev.hoist.registry.manifest;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import dev.hoist.oci.MediaType;
import java.util.Map;
import java.util.Optional;

/**
 * What a manifest body says it is, for a registry whose {@code Content-Type} does not tell: its
 * top-level {@code mediaType} and {@code schemaVersion}, and whether it has {@code manifests} or a
 * {@code config}. Read with {@link Json#readObject}, as a tree would read them (the last of
 * duplicate fields counts, a number or boolean is its text), so that a pull never builds the
 * object mapper for it. A body that is not a JSON object says nothing.
 *
 * @param mediaType the non-null {@code mediaType}, if any
 * @param schemaVersion the {@code schemaVersion} as a tree reads it as an int (a numeric string is
 *     its number, true is 1), 0 if absent or not a number
 * @param hasManifests whether the {@code manifests} field is there, even as null
 * @param hasConfig whether the {@code config} field is there, even as null
 */
record ManifestShape(Optional<String> mediaType, int schemaVersion, boolean hasManifests, boolean hasConfig) {
  private static final ManifestShape NOTHING = new ManifestShape(Optional.empty(), 0, false, false);

  static ManifestShape of(byte[] bytes) {
    Map<String, Object> fields;
    try {
      fields = Json.readObject(bytes, "manifest");
    } catch (HoistException e) {
      return NOTHING;
    }
    return new ManifestShape(Optional.ofNullable(Json.text(fields.get("mediaType"), null)),
        (int) Json.number(fields.get("schemaVersion"), 0), fields.containsKey("manifests"), fields.containsKey("config"));
  }

  /** The media type the body names, or implies by its fields: an index has manifests, a manifest a config. */
  Optional<String> impliedMediaType() {
    if (mediaType.isPresent()) {
      return mediaType;
    }
    if (hasManifests) {
      return Optional.of(MediaType.OCI_INDEX);
    }
    if (hasConfig && schemaVersion == 2) {
      return Optional.of(MediaType.OCI_MANIFEST);
    }
    return Optional.empty();
  }
}
