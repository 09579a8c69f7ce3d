/** RUN mounts: the model the builder fills ({@link dev.hoist.runtime.mount.RunMount}) and their realisation. */
package dev.hoist.runtime.mount;
