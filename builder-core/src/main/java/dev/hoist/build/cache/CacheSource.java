package dev.hoist.build.cache;

import dev.hoist.cache.store.LocalStore;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import java.io.IOException;
import java.util.Map;

/**
 * A step cache imported with {@code --cache-from}: an OCI index whose manifests are step-cache
 * entries, each annotated with its step key. An entry is copied into the local store (manifest,
 * config, layers, each verified) only when a build asks for its key.
 */
public sealed interface CacheSource permits RegistryCacheSource, LayoutCacheSource {
  /** Reads the cache's index: entry manifests by step key (empty when the cache does not exist yet). */
  Map<Digest, Descriptor> entries() throws IOException;

  /** Copies the entry {@code manifest} and every blob it names into {@code store}, verified. */
  void fetch(Descriptor manifest, LocalStore store) throws IOException;

  /** Where this cache lives, for messages. */
  String describe();
}
