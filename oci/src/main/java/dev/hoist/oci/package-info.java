/**
 * Value types of the OCI image and distribution specs: digests, media types, descriptors,
 * platforms, image references, manifests, indexes and image configs, with one canonical JSON form.
 */
package dev.hoist.oci;
