/** Resolution of {@code USER} through an image's passwd and group files. */
package dev.hoist.runtime.user;
