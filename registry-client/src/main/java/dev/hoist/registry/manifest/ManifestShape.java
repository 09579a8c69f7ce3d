package dev.hoist.registry.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hoist.oci.MediaType;
import java.io.IOException;
import java.util.Optional;

/**
 * What a manifest body says it is, for a registry whose {@code Content-Type} does not tell: its
 * top-level {@code mediaType} and {@code schemaVersion}, and whether it has {@code manifests} or a
 * {@code config}. Read with Jackson's streaming parser, as a tree would read them (the last of
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
  private static final JsonFactory JSON = new JsonFactory();
  private static final ManifestShape NOTHING = new ManifestShape(Optional.empty(), 0, false, false);

  static ManifestShape of(byte[] bytes) {
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NOTHING;
      }
      String mediaType = null;
      int schemaVersion = 0;
      boolean hasManifests = false;
      boolean hasConfig = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "mediaType" -> mediaType = value.isStructStart() ? "" : p.getValueAsString();
          case "schemaVersion" -> schemaVersion = p.getValueAsInt(0);
          case "manifests" -> hasManifests = true;
          case "config" -> hasConfig = true;
          default -> { }
        }
        p.skipChildren();
      }
      return new ManifestShape(Optional.ofNullable(mediaType), schemaVersion, hasManifests, hasConfig);
    } catch (IOException e) {
      return NOTHING;
    }
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
