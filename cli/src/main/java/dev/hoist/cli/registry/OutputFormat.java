package dev.hoist.cli.registry;

/** How a listing is printed: one item per line, or JSON for scripts. */
public enum OutputFormat {
  text,
  json
}
