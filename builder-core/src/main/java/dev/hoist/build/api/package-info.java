/**
 * The public Java API of hoist's build engine: {@link dev.hoist.build.api.Builder}, its request and result; progress arrives through {@link dev.hoist.build.progress.ProgressListener}.
 */
package dev.hoist.build.api;
