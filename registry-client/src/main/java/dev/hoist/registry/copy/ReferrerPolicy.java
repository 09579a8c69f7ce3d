package dev.hoist.registry.copy;

/** Whether a copy also takes the artifacts (signatures, SBOMs, attestations) whose subject it copied. */
public enum ReferrerPolicy {
  /** Only the image. */
  SKIP,
  /** The image, then every referrer of each manifest copied, and theirs, recursively. */
  COPY
}
