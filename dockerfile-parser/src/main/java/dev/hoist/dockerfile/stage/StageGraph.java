package dev.hoist.dockerfile.stage;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.SourceRange;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.CopyInstruction;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;
import dev.hoist.dockerfile.instruction.Mount;
import dev.hoist.dockerfile.instruction.RunInstruction;
import dev.hoist.dockerfile.instruction.Suggestion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which stages depend on which: {@code FROM <stage>}, {@code COPY --from=<stage|index>} and
 * {@code RUN --mount=from=<stage|index>}. A reference that names no stage is an image. Cycles and stage indexes
 * out of range are errors.
 */
public final class StageGraph {

    /** How one stage uses another stage or an image. */
    public enum Kind { BASE, COPY_FROM, MOUNT_FROM }

    /**
     * One use of a stage or an image by a stage.
     *
     * @param stage the index of the stage that has the reference
     * @param kind what kind of reference
     * @param reference the reference as expanded
     * @param target the index of the referenced stage, or empty for an image
     * @param range where the reference is
     */
    public record Reference(int stage, Kind kind, String reference, Optional<Integer> target, SourceRange range) {
    }

    private final Dockerfile dockerfile;
    private final List<Reference> references;

    private StageGraph(Dockerfile dockerfile, List<Reference> references) {
        this.dockerfile = dockerfile;
        this.references = List.copyOf(references);
    }

    /** The graph with default ARG values (no build args, host platform). */
    public static StageGraph of(Dockerfile dockerfile) {
        return of(dockerfile, BuildArgs.none());
    }

    /**
     * Builds the graph, expanding FROM images and {@code --from} values with the global ARGs.
     *
     * @throws DockerfileException for an out-of-range stage index or a cycle
     */
    public static StageGraph of(Dockerfile dockerfile, BuildArgs args) {
        EnvLookup global = args.globalScope(dockerfile);
        InstructionExpander expander = new InstructionExpander(dockerfile.fileName(), dockerfile.escape());
        List<Reference> refs = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            String base = expander.word(stage.from().image(), global);
            Optional<Integer> baseStage = dockerfile.stages().stream()
                    .filter(s -> s.index() < stage.index() && s.name().filter(base.toLowerCase(Locale.ROOT)::equals).isPresent())
                    .map(Stage::index).findFirst();
            refs.add(new Reference(stage.index(), Kind.BASE, base, baseStage, stage.from().range()));
            for (Instruction i : stage.instructions()) {
                if (i instanceof CopyInstruction c && c.from().isPresent()) {
                    String from = expander.word(c.from().get(), global);
                    refs.add(new Reference(stage.index(), Kind.COPY_FROM, from, resolve(dockerfile, stage, from, c), c.range()));
                } else if (i instanceof RunInstruction r) {
                    for (Mount m : r.mounts()) {
                        if (m.from().isPresent()) {
                            String from = expander.word(m.from().get(), global);
                            refs.add(new Reference(stage.index(), Kind.MOUNT_FROM, from, resolve(dockerfile, stage, from, r), r.range()));
                        }
                    }
                }
            }
        }
        StageGraph graph = new StageGraph(dockerfile, refs);
        graph.checkCycles();
        return graph;
    }

    private static Optional<Integer> resolve(Dockerfile df, Stage stage, String from, Instruction at) {
        String name = from.toLowerCase(Locale.ROOT);
        for (Stage s : df.stages()) {
            if (s.name().filter(name::equals).isPresent()) {
                return Optional.of(s.index());
            }
        }
        if (!from.matches("\\d+") && !from.matches(".*[:/@.].*")) {
            List<String> names = new ArrayList<>();
            df.stages().forEach(s -> s.name().ifPresent(names::add));
            Optional<String> near = Suggestion.closest(name, names);
            if (near.isPresent()) {
                throw new DockerfileException(df.fileName(), at.range(), at.keyword() + " --from=" + from
                        + ": no stage named \"" + from + "\" (did you mean " + near.get()
                        + "? an image this close to a stage name needs a tag, e.g. " + from + ":latest)");
            }
        }
        if (from.matches("\\d+")) {
            int index = from.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(from);
            if (index >= df.stages().size()) {
                throw new DockerfileException(df.fileName(), at.range(), at.keyword() + " --from=" + from
                        + " names no stage: the file has " + df.stages().size() + " stage(s), numbered from 0");
            }
            if (index == stage.index()) {
                throw new DockerfileException(df.fileName(), at.range(), at.keyword() + " --from=" + from
                        + " refers to its own stage");
            }
            return Optional.of(index);
        }
        return Optional.empty();
    }

    /** Every reference, stage by stage, in file order. */
    public List<Reference> references() {
        return references;
    }

    /** The images (not stages) the build may pull: FROM bases and {@code --from} images. */
    public List<Reference> imageReferences() {
        return references.stream().filter(r -> r.target().isEmpty() && !r.reference().equalsIgnoreCase("scratch")).toList();
    }

    /** The stage indexes that a stage depends on directly. */
    public Set<Integer> dependenciesOf(int stage) {
        Set<Integer> out = new LinkedHashSet<>();
        for (Reference r : references) {
            if (r.stage() == stage) {
                r.target().ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The stages a build of {@code target} needs, dependencies before dependants, the target last.
     *
     * @throws DockerfileException when no stage has that name or index
     */
    public List<Stage> requiredFor(String target) {
        Stage t = dockerfile.stage(target).orElseThrow(() -> new DockerfileException(dockerfile.fileName(),
                dockerfile.lastStage().from().range(), "target stage \"" + target + "\" could not be found"
                        + dockerfile.stages().stream().flatMap(s -> s.name().stream()).findAny()
                        .map(x -> " (stages: " + String.join(", ", names()) + ")").orElse("")));
        return requiredFor(t);
    }

    /** The stages a build of {@code target} needs, in build order. */
    public List<Stage> requiredFor(Stage target) {
        List<Stage> order = new ArrayList<>();
        visit(target.index(), new boolean[dockerfile.stages().size()], order);
        return Collections.unmodifiableList(order);
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        dockerfile.stages().forEach(s -> s.name().ifPresent(out::add));
        return out;
    }

    private void visit(int index, boolean[] seen, List<Stage> order) {
        if (seen[index]) {
            return;
        }
        seen[index] = true;
        for (int dep : dependenciesOf(index)) {
            visit(dep, seen, order);
        }
        order.add(dockerfile.stages().get(index));
    }

    private void checkCycles() {
        int n = dockerfile.stages().size();
        int[] state = new int[n];
        for (int i = 0; i < n; i++) {
            cycleFrom(i, state, new ArrayList<>());
        }
    }

    private void cycleFrom(int index, int[] state, List<Integer> path) {
        if (state[index] == 2) {
            return;
        }
        if (state[index] == 1) {
            List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(index), path.size()));
            cycle.add(index);
            Reference at = references.stream().filter(r -> r.stage() == path.get(path.size() - 1)
                    && r.target().filter(t -> t == index).isPresent()).findFirst().orElseThrow();
            List<String> names = new ArrayList<>();
            cycle.forEach(c -> names.add(dockerfile.stages().get(c).displayName()));
            throw new DockerfileException(dockerfile.fileName(), at.range(),
                    "circular dependency between stages: " + String.join(" -> ", names));
        }
        state[index] = 1;
        path.add(index);
        for (int dep : dependenciesOf(index)) {
            cycleFrom(dep, state, path);
        }
        path.remove(path.size() - 1);
        state[index] = 2;
    }
}
