/**
 * The build context: safe path resolution inside a root, .dockerignore, COPY wildcards, and the file hash cache keyed by path, size, mtime and inode.
 */
package dev.hoist.build.context;
