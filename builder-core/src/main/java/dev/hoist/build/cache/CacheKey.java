package dev.hoist.build.cache;

import dev.hoist.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Builds a step's cache key: the sha256 of its parent's key and of each part added (the expanded
 * instruction, the build args it uses, the digest of the content it reads), each part length-prefixed
 * so that no two different lists of parts give the same bytes.
 */
public final class CacheKey {
  private final MessageDigest md = Digest.newSha256();

  private CacheKey(String parent) {
    part(parent);
  }

  /** A key below {@code parent}. */
  public static CacheKey below(Digest parent) {
    return new CacheKey(parent.toString());
  }

  /** The first key of a chain, for a base ({@code scratch linux/amd64}, an image's config digest ...). */
  public static CacheKey root(String base) {
    return new CacheKey("root:" + base);
  }

  public CacheKey part(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
    md.update(b);
    return this;
  }

  public CacheKey part(Digest d) {
    return part(d.toString());
  }

  public Digest digest() {
    return Digest.fromSha256(md);
  }
}
