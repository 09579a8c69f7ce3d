package dev.hoist.transfer;

import dev.hoist.oci.Descriptor;
import java.util.Optional;

/** One image a copy wrote: its name at the destination, if any, and its top-level descriptor. */
public record CopiedImage(Optional<String> name, Descriptor descriptor) {}
