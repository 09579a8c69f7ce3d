package dev.hoist.runtime.spec;

/** The rows and columns of a terminal, as the OCI spec's {@code process.consoleSize} gives them. */
public record ConsoleSize(int rows, int columns) {}
