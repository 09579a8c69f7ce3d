/**
 * Where a build goes besides the local store: registry push (OCI index or Docker manifest list), OCI and docker archives, OCI layout dirs, rootfs dirs and tars.
 */
package dev.hoist.build.output;
