package dev.hoist.cache.store;

import dev.hoist.oci.Descriptor;

/** A named image in the store: its name (e.g. {@code busybox:latest}) and its manifest or index descriptor. */
public record StoredImage(String name, Descriptor descriptor) {}
