/**
 * Blobs: {@link dev.hoist.registry.blob.Blobs} (HEAD, verified and resumable GET, DELETE),
 * {@link dev.hoist.registry.blob.BlobUploader} (skip, mount, one-shot, monolithic and chunked
 * uploads with restart/resume) and {@link dev.hoist.registry.blob.BlobSource}, which lets an
 * upload reopen its content at any offset instead of holding it in memory.
 */
package dev.hoist.registry.blob;
