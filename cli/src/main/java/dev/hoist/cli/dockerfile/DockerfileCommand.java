package dev.hoist.cli.dockerfile;

import picocli.CommandLine.Command;

/** {@code hoist dockerfile}: read a Dockerfile without building it. */
@Command(
    name = "dockerfile",
    description = "Parse or check a Dockerfile without building it.",
    mixinStandardHelpOptions = true,
    subcommands = {ParseCommand.class, CheckCommand.class})
public final class DockerfileCommand {}
