/** {@code hoist run}: a command in an image, with the runtime RUN steps use. */
package dev.hoist.cli.run;
