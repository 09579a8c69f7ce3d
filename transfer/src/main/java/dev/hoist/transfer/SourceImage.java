package dev.hoist.transfer;

import java.util.Optional;

/** An image a source offers: its name there, if it has one, and its top-level manifest or index. */
public record SourceImage(Optional<String> name, RawManifest manifest) {}
