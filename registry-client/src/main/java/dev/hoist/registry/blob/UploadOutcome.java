package dev.hoist.registry.blob;

/** What an upload did: nothing (the blob was there), a cross-repository mount, or a real upload. */
public enum UploadOutcome {
  EXISTED,
  MOUNTED,
  UPLOADED
}
