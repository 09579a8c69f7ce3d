package dev.hoist.dockerfile.instruction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code --flags} an instruction accepts, checked the way BuildKit's BFlags does: unknown flags, duplicates,
 * missing values and bad booleans are errors.
 */
final class FlagSet {

    private enum Kind { BOOL, STRING, STRINGS }

    private final String instruction;
    private final Map<String, Kind> declared = new LinkedHashMap<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    FlagSet(String instruction) {
        this.instruction = instruction;
    }

    FlagSet bool(String name) {
        declared.put(name, Kind.BOOL);
        return this;
    }

    FlagSet string(String name) {
        declared.put(name, Kind.STRING);
        return this;
    }

    FlagSet strings(String name) {
        declared.put(name, Kind.STRINGS);
        return this;
    }

    /**
     * Reads the flags.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    FlagSet parse(List<String> flags) {
        for (String flag : flags) {
            try {
                parseOne(flag);
            } catch (IllegalArgumentException e) {
                String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
                throw new FlagException(e.getMessage(), List.of(flag, name));
            }
            if (flag.equals("--")) {
                break;
            }
        }
        return this;
    }

    private void parseOne(String flag) {
        if (!flag.startsWith("--")) {
            throw new IllegalArgumentException("arg should start with -- : " + flag);
        }
        if (flag.equals("--")) {
            return;
        }
        String body = flag.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(body.substring(eq + 1));
        Kind kind = declared.get(name);
        if (kind == null) {
            throw new IllegalArgumentException(unknown(name));
        }
        if (values.containsKey(name) && kind != Kind.STRINGS) {
            throw new IllegalArgumentException("duplicate flag specified: --" + name);
        }
        switch (kind) {
            case BOOL -> {
                if (value.isPresent() && value.get().isEmpty()) {
                    throw new IllegalArgumentException("missing a value on flag: --" + name);
                }
                String v = value.orElse("").toLowerCase(Locale.ROOT);
                if (!v.isEmpty() && !v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("expecting boolean value for flag --" + name + ", not: " + value.get());
                }
                values.put(name, List.of(v.isEmpty() ? "true" : v));
            }
            case STRING -> values.put(name, List.of(value.orElseThrow(() -> missing(name))));
            case STRINGS -> values.computeIfAbsent(name, k -> new ArrayList<>()).add(value.orElseThrow(() -> missing(name)));
        }
    }

    private String unknown(String name) {
        String message = "unknown flag: --" + name + " for " + instruction;
        if (declared.isEmpty()) {
            return message + " (it takes no flags)";
        }
        Optional<String> hint = Suggestion.closest(name, declared.keySet());
        return hint.map(h -> message + " (did you mean --" + h + "?)")
                .orElseGet(() -> message + " (known: " + declared.keySet().stream().map(k -> "--" + k)
                        .collect(Collectors.joining(", ")) + ")");
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("missing a value on flag: --" + name);
    }


    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).map(v -> v.get(0));
    }

    boolean isTrue(String name) {
        return value(name).map("true"::equals).orElse(false);
    }

    Optional<Boolean> optionalBool(String name) {
        return value(name).map("true"::equals);
    }

    List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }
}
