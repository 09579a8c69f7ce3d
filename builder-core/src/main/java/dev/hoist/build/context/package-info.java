/**
 * The build context: safe path resolution inside a root, .dockerignore (and the part of a folder it
 * keeps, {@link dev.hoist.build.context.KeptTree}), COPY wildcards, and the file hash cache keyed by path, size, mtime and inode.
 */
package dev.hoist.build.context;
