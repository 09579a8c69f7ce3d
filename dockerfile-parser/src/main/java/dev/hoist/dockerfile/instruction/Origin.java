package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.SourceRange;

/**
 * Where an instruction came from.
 *
 * @param range its position, heredoc bodies included
 * @param text the logical line as written, continuations joined
 */
public record Origin(SourceRange range, String text) {
}
