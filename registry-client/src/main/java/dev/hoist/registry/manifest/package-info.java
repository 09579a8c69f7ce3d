/** Manifests as raw bytes with their media type and digest; the referrers API and its fallback. */
package dev.hoist.registry.manifest;
