/** Assembling multi-platform indexes (OCI index or Docker manifest list) from pushed images. */
package dev.hoist.registry.index;
