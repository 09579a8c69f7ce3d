/**
 * Runs commands in image file systems for RUN steps and {@code hoist run}: {@link
 * dev.hoist.runtime.ContainerRunner} over a {@link dev.hoist.runtime.snapshot.Snapshot}.
 */
package dev.hoist.runtime;
