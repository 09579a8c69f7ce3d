/** Which platforms can run here: natively or through qemu-user in binfmt_misc. */
package dev.hoist.runtime.platform;
