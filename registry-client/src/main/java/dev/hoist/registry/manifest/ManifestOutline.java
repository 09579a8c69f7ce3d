package dev.hoist.registry.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The descriptors of a manifest or index, read with Jackson's streaming parser: the config and
 * layers of an image manifest, or the entries (with platforms) of an index. Copies need nothing
 * more, and a short-lived CLI process then skips building Jackson's object mapper and record
 * introspection, which costs more than the copy of a small image.
 *
 * @param config the config descriptor (empty for an index)
 * @param layers layer descriptors, in order
 * @param manifests index entries, in order
 * @param subject the manifest this one refers to (an artifact's {@code subject}), if any
 */
public record ManifestOutline(Optional<Descriptor> config, List<Descriptor> layers, List<Descriptor> manifests,
    Optional<Descriptor> subject) {
  private static final JsonFactory JSON = new JsonFactory();

  /** The blobs an image manifest needs copied: config and layers without foreign {@code urls}. */
  public List<Descriptor> blobs() {
    List<Descriptor> all = new ArrayList<>();
    config.ifPresent(all::add);
    layers.stream().filter(d -> d.urls().isEmpty()).forEach(all::add);
    return all;
  }

  /** The first index entry for {@code platform}. */
  public Optional<Descriptor> find(Platform platform) {
    return manifests.stream().filter(d -> d.platform() != null && platform.matches(d.platform())).findFirst();
  }

  /** The platforms the index offers, attestations left out. */
  public List<String> platforms() {
    return manifests.stream()
        .filter(d -> d.platform() != null && !d.platform().os().equals("unknown"))
        .map(d -> d.platform().toString())
        .toList();
  }

  /** Reads {@code bytes}; {@code what} names the manifest in errors. */
  public static ManifestOutline parse(byte[] bytes, String what) {
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new HoistException(what + " is not a JSON object");
      }
      Optional<Descriptor> config = Optional.empty();
      List<Descriptor> layers = new ArrayList<>();
      List<Descriptor> manifests = new ArrayList<>();
      Optional<Descriptor> subject = Optional.empty();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "config" -> config = Optional.of(descriptor(p, what));
          case "layers" -> array(p, layers, what);
          case "manifests" -> array(p, manifests, what);
          case "subject" -> subject = Optional.of(descriptor(p, what));
          default -> p.skipChildren();
        }
        if (value == null) {
          break;
        }
      }
      return new ManifestOutline(config, List.copyOf(layers), List.copyOf(manifests), subject);
    } catch (IOException e) {
      throw new HoistException("invalid JSON in " + what + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }

  private static void array(JsonParser p, List<Descriptor> into, String what) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new HoistException(what + ": expected an array of descriptors");
    }
    while (p.nextToken() == JsonToken.START_OBJECT) {
      into.add(descriptor(p, what));
    }
  }

  private static Descriptor descriptor(JsonParser p, String what) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new HoistException(what + ": expected a descriptor object");
    }
    String mediaType = "";
    String digest = "";
    long size = -1;
    List<String> urls = new ArrayList<>();
    Platform platform = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "mediaType" -> mediaType = p.getValueAsString("");
        case "digest" -> digest = p.getValueAsString("");
        case "size" -> size = p.getValueAsLong(-1);
        case "urls" -> {
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            urls.add(p.getText());
          }
        }
        case "platform" -> platform = platform(p);
        default -> p.skipChildren();
      }
    }
    if (digest.isEmpty() || size < 0) {
      throw new HoistException(what + ": a descriptor lacks its digest or size");
    }
    return new Descriptor(mediaType, Digest.parse(digest), size, urls, null, platform, null, null);
  }

  private static Platform platform(JsonParser p) throws IOException {
    String os = "";
    String arch = "";
    String variant = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "os" -> os = p.getValueAsString("");
        case "architecture" -> arch = p.getValueAsString("");
        case "variant" -> variant = p.getValueAsString("");
        default -> p.skipChildren();
      }
    }
    return Platform.of(os, arch, variant);
  }
}
