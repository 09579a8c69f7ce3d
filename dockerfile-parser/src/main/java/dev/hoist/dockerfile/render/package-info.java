/**
 * The parsed model as plain JSON-able data, and a small JSON writer.
 */
package dev.hoist.dockerfile.render;
