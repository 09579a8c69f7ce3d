/** The OCI runtimes behind RUN and {@code hoist run}: crun, runc and bubblewrap. */
package dev.hoist.runtime.engine;
