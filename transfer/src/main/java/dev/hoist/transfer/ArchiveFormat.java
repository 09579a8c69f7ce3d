package dev.hoist.transfer;

/** The formats {@code hoist save} writes. */
public enum ArchiveFormat {
  /** A tar of an OCI image layout ({@code oci-archive:}). */
  OCI,
  /** A {@code docker load}-compatible tar ({@code docker-archive:}). */
  DOCKER
}
