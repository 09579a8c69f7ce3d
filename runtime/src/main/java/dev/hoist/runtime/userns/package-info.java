/** User namespaces for rootless runs: id mappings from /etc/subuid and /etc/subgid. */
package dev.hoist.runtime.userns;
