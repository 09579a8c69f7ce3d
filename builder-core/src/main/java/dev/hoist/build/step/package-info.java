/**
 * Step executors, one per instruction kind (metadata, WORKDIR, COPY/ADD, RUN), with Docker's config edits and BuildKit's history text.
 */
package dev.hoist.build.step;
