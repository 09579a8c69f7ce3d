package dev.hoist.dockerfile.stage;

import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.ArgDeclaration;
import dev.hoist.dockerfile.instruction.ArgInstruction;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ARGs declared so far in one stage. The builder feeds it each ARG (already expanded) in order and asks it
 * for lookups; ENV variables of the same name take precedence ({@link #environment(EnvLookup)}).
 */
public final class StageArgs {

    private final Map<String, String> global;
    private final Map<String, String> provided;
    private final Map<String, String> platform;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> declared = new LinkedHashSet<>();

    StageArgs(Map<String, String> global, Map<String, String> provided, PlatformArgs platform) {
        this.global = Map.copyOf(global);
        this.provided = Map.copyOf(provided);
        this.platform = platform.values();
    }

    /** Records the names of an ARG instruction whose defaults were already expanded. */
    public void declare(ArgInstruction expanded) {
        for (ArgDeclaration d : expanded.args()) {
            String name = d.name();
            declared.add(name);
            Optional<String> value = Optional.ofNullable(provided.get(name))
                    .or(d::defaultValue)
                    .or(() -> Optional.ofNullable(global.get(name)))
                    .or(() -> Optional.ofNullable(platform.get(name)));
            if (value.isPresent()) {
                values.put(name, value.get());
            } else {
                values.remove(name);
            }
        }
    }

    /** Whether the name was declared in this stage (with or without a value). */
    public boolean isDeclared(String name) {
        return declared.contains(name);
    }

    /** The declared ARGs that have a value. */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** A lookup over the declared ARGs only. */
    public EnvLookup lookup() {
        return name -> Optional.ofNullable(values.get(name));
    }

    /** The lookup for expanding an instruction: the stage's ENV first, then the declared ARGs. */
    public EnvLookup environment(EnvLookup stageEnv) {
        return stageEnv.orElse(lookup());
    }

    /**
     * The extra environment a RUN sees: the declared ARGs plus any provided proxy ARGs, in a stable order.
     */
    public Map<String, String> runEnvironment() {
        Map<String, String> out = new LinkedHashMap<>(values);
        provided.forEach((k, v) -> {
            if (BuildArgs.PROXY_ARGS.contains(k)) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }
}
