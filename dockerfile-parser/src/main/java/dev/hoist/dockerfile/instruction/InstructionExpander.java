package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.DockerfileException;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.expand.Expansion;
import dev.hoist.dockerfile.expand.ExpansionException;
import dev.hoist.dockerfile.expand.ShellLexer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands variables the way BuildKit does when it dispatches an instruction. Expanded: ADD, COPY (sources,
 * destination, {@code --from}, {@code --chown}, {@code --chmod}, heredoc bodies not quoted), ENV, LABEL, EXPOSE
 * (which may split into several ports), FROM (image and {@code --platform}), STOPSIGNAL, USER, VOLUME, WORKDIR,
 * ARG defaults and RUN {@code --mount} values. Not expanded: RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK commands
 * (the shell does that at run time), MAINTAINER and ONBUILD.
 */
public final class InstructionExpander {

    private final String fileName;
    private final ShellLexer lexer;
    private final ShellLexer heredocLexer;

    /** An expander for a file with the given escape character. */
    public InstructionExpander(String fileName, char escape) {
        this.fileName = fileName;
        this.lexer = new ShellLexer(escape);
        this.heredocLexer = new ShellLexer(escape, ShellLexer.Options.HEREDOC);
    }

    /** Whether BuildKit expands variables in this kind of instruction. */
    public static boolean expands(Instruction instruction) {
        return !(instruction instanceof CmdInstruction || instruction instanceof EntrypointInstruction
                || instruction instanceof ShellInstruction || instruction instanceof HealthcheckInstruction
                || instruction instanceof MaintainerInstruction || instruction instanceof OnbuildInstruction);
    }

    /**
     * Expands an instruction against {@code env}.
     *
     * @throws DockerfileException when a word is malformed or a {@code ${VAR:?}} check fails
     */
    public ExpandedInstruction expand(Instruction instruction, EnvLookup env) {
        Run run = new Run(env);
        try {
            return new ExpandedInstruction(run.instruction(instruction), run.matched, run.unmatched);
        } catch (ExpansionException e) {
            throw new DockerfileException(fileName, instruction.range(), e.getMessage());
        }
    }

    /** Expands one word (quotes removed) against {@code env}. */
    public String word(String text, EnvLookup env) {
        return lexer.process(text, env).value();
    }

    private final class Run {
        private EnvLookup env;
        private final Set<String> matched = new LinkedHashSet<>();
        private final Set<String> unmatched = new LinkedHashSet<>();

        Run(EnvLookup env) {
            this.env = env;
        }

        private Expansion process(ShellLexer l, String text) {
            Expansion e = l.process(text, env);
            matched.addAll(e.matched());
            unmatched.addAll(e.unmatched());
            return e;
        }

        String w(String text) {
            return process(lexer, text).value();
        }

        Optional<String> w(Optional<String> text) {
            return text.map(this::w);
        }

        List<String> all(List<String> texts) {
            List<String> out = new ArrayList<>(texts.size());
            texts.forEach(t -> out.add(w(t)));
            return List.copyOf(out);
        }

        List<KeyValue> pairs(List<KeyValue> kvs) {
            List<KeyValue> out = new ArrayList<>(kvs.size());
            kvs.forEach(kv -> out.add(new KeyValue(w(kv.key()), w(kv.value()), kv.legacyForm())));
            return List.copyOf(out);
        }

        /** ENV pairs see the ones before them on the same line. */
        List<KeyValue> sequentialPairs(List<KeyValue> kvs) {
            Map<String, String> local = new HashMap<>();
            EnvLookup outer = env;
            env = EnvLookup.of(local).orElse(outer);
            List<KeyValue> out = new ArrayList<>(kvs.size());
            for (KeyValue kv : kvs) {
                KeyValue expanded = new KeyValue(w(kv.key()), w(kv.value()), kv.legacyForm());
                local.put(expanded.key(), expanded.value());
                out.add(expanded);
            }
            env = outer;
            return List.copyOf(out);
        }

        List<SourceContent> contents(List<SourceContent> cs) {
            List<SourceContent> out = new ArrayList<>(cs.size());
            for (SourceContent c : cs) {
                out.add(c.expand() ? new SourceContent(c.path(), process(heredocLexer, c.data()).value(), true) : c);
            }
            return List.copyOf(out);
        }

        Instruction instruction(Instruction i) {
            if (i instanceof FromInstruction f) {
                return new FromInstruction(f.origin(), w(f.image()), w(f.platform()), f.stageName());
            }
            if (i instanceof CopyInstruction c) {
                return new CopyInstruction(c.origin(), all(c.sources()), contents(c.contents()), w(c.destination()),
                        w(c.from()), w(c.chown()), w(c.chmod()), c.link(), c.parents(), all(c.excludes()));
            }
            if (i instanceof AddInstruction a) {
                return new AddInstruction(a.origin(), all(a.sources()), contents(a.contents()), w(a.destination()),
                        w(a.chown()), w(a.chmod()), w(a.checksum()), a.keepGitDir(), a.link(), all(a.excludes()),
                        a.unpack());
            }
            if (i instanceof EnvInstruction e) {
                return new EnvInstruction(e.origin(), sequentialPairs(e.variables()));
            }
            if (i instanceof LabelInstruction l) {
                return new LabelInstruction(l.origin(), pairs(l.labels()));
            }
            if (i instanceof ExposeInstruction x) {
                List<String> ports = new ArrayList<>();
                x.ports().forEach(p -> ports.addAll(process(lexer, p).words()));
                return new ExposeInstruction(x.origin(), List.copyOf(ports));
            }
            if (i instanceof StopSignalInstruction s) {
                return new StopSignalInstruction(s.origin(), w(s.signal()));
            }
            if (i instanceof UserInstruction u) {
                return new UserInstruction(u.origin(), w(u.user()));
            }
            if (i instanceof VolumeInstruction v) {
                return new VolumeInstruction(v.origin(), all(v.paths()));
            }
            if (i instanceof WorkdirInstruction wd) {
                return new WorkdirInstruction(wd.origin(), w(wd.path()));
            }
            if (i instanceof ArgInstruction a) {
                List<ArgDeclaration> out = new ArrayList<>();
                a.args().forEach(d -> out.add(new ArgDeclaration(d.name(), w(d.defaultValue()))));
                return new ArgInstruction(a.origin(), List.copyOf(out));
            }
            if (i instanceof RunInstruction r) {
                List<Mount> mounts = new ArrayList<>();
                for (Mount m : r.mounts()) {
                    mounts.add(new Mount(m.type(), w(m.target()), w(m.source()), w(m.from()), m.readOnly(), w(m.id()),
                            m.sharing(), m.mode(), m.uid(), m.gid(), m.required(), w(m.env()), m.size()));
                }
                return new RunInstruction(r.origin(), r.command(), List.copyOf(mounts), w(r.network()), w(r.security()),
                        r.heredocs());
            }
            return i;
        }
    }
}
