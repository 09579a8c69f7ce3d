/** Paginated listings of the distribution API: tags and the catalog. */
package dev.hoist.registry.listing;
