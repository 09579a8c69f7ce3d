package dev.hoist.dockerfile.expand;

import java.util.Map;
import java.util.Optional;

/** Looks up a variable for shell-word expansion; an empty result means the variable is unset. */
@FunctionalInterface
public interface EnvLookup {

    /** The value of the variable, or empty when it is not set (a set but empty variable gives {@code ""}). */
    Optional<String> lookup(String name);

    /** A lookup over a map; keys are compared exactly, as on Linux. */
    static EnvLookup of(Map<String, String> env) {
        return name -> Optional.ofNullable(env.get(name));
    }

    /** A lookup in which nothing is set. */
    static EnvLookup empty() {
        return name -> Optional.empty();
    }

    /** This lookup first, then {@code fallback} for names this one does not set. */
    default EnvLookup orElse(EnvLookup fallback) {
        return name -> {
            Optional<String> v = lookup(name);
            return v.isPresent() ? v : fallback.lookup(name);
        };
    }
}
