package dev.hoist.dockerfile.parse;

import dev.hoist.dockerfile.DockerfileWarning;

import java.util.List;

/**
 * The result of the line parser: every instruction in order, the directives and the escape character in force.
 *
 * @param fileName the name used in messages
 * @param nodes the instructions
 * @param directives the parser directives at the top of the file
 * @param escape the escape character, {@code \} or {@code `}
 * @param warnings parser warnings such as empty continuation lines
 */
public record Ast(String fileName, List<Node> nodes, List<Directive> directives, char escape,
                  List<DockerfileWarning> warnings) {

    public Ast {
        nodes = List.copyOf(nodes);
        directives = List.copyOf(directives);
        warnings = List.copyOf(warnings);
    }
}
