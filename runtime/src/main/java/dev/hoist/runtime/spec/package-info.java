/** The container spec of a run and its OCI {@code config.json} form. */
package dev.hoist.runtime.spec;
