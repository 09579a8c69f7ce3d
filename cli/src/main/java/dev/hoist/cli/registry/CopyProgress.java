package dev.hoist.cli.registry;

import dev.hoist.cli.store.Sizes;
import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageReference;
import dev.hoist.registry.blob.UploadOutcome;
import dev.hoist.registry.copy.CopyListener;
import java.io.PrintWriter;

/**
 * {@code hoist cp}'s progress on stderr, one line per blob as it finishes and per manifest
 * written:
 * <pre>
 * blob 3f2a1b9c4d5e 2.05MB uploaded
 * blob 77c0ae1d2b3f 1.20kB mounted from app
 * blob 9d8e7f6a5b4c 310B already there
 * manifest 5e4d3c2b1a09 written to registry.example/mirror:v1
 * referrer 0a1b2c3d4e5f (application/vnd.example.sig) of 5e4d3c2b1a09 written to registry.example/mirror@sha256:...
 * </pre>
 */
final class CopyProgress implements CopyListener {
  private final PrintWriter err;
  private final String sourceRepository;

  /** @param sourceRepository the repository blobs are mounted from, when source and target share a registry */
  CopyProgress(PrintWriter err, String sourceRepository) {
    this.err = err;
    this.sourceRepository = sourceRepository;
  }

  private static String shortDigest(Digest digest) {
    return digest.hex().substring(0, 12);
  }

  @Override
  public void blobDone(Descriptor blob, UploadOutcome outcome) {
    String how = switch (outcome) {
      case UPLOADED -> "uploaded";
      case MOUNTED -> "mounted from " + sourceRepository;
      case EXISTED -> "already there";
    };
    print("blob " + shortDigest(blob.digest()) + " " + Sizes.human(blob.size()) + " " + how);
  }

  @Override
  public void manifestPushed(ImageReference target, Digest digest) {
    print("manifest " + shortDigest(digest) + " written to " + target);
  }

  @Override
  public void referrerPushed(ImageReference target, Descriptor referrer, Digest subject) {
    String type = referrer.artifactType().isEmpty() ? "" : " (" + referrer.artifactType() + ")";
    print("referrer " + shortDigest(referrer.digest()) + type + " of " + shortDigest(subject) + " written to " + target);
  }

  private synchronized void print(String line) {
    err.println(line);
    err.flush();
  }
}
