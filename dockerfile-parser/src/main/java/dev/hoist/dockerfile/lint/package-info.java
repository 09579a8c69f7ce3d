/**
 * BuildKit's cheap lint rules as warnings with positions.
 */
package dev.hoist.dockerfile.lint;
