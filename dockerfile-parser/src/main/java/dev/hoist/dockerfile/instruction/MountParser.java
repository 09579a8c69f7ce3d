package dev.hoist.dockerfile.instruction;

import dev.hoist.dockerfile.text.CsvFields;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the value of {@code RUN --mount=type=cache,target=/root/.cache,...}, with BuildKit's keys and defaults. */
final class MountParser {

    private MountParser() {
    }

    /**
     * Parses one {@code --mount} value.
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static Mount parse(String spec) {
        List<String> fields = fields(spec);
        Mount.Type type = Mount.Type.BIND;
        for (String field : fields) {
            int eq = field.indexOf('=');
            if (eq > 0 && field.substring(0, eq).trim().equalsIgnoreCase("type")) {
                String t = field.substring(eq + 1).trim();
                try {
                    type = Mount.Type.valueOf(t.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unsupported mount type \"" + t
                            + "\" (use bind, cache, tmpfs, secret or ssh)");
                }
            }
        }
        Optional<String> target = Optional.empty();
        Optional<String> source = Optional.empty();
        Optional<String> from = Optional.empty();
        Optional<Boolean> readOnly = Optional.empty();
        Optional<String> id = Optional.empty();
        Mount.Sharing sharing = Mount.Sharing.SHARED;
        Optional<Integer> mode = Optional.empty();
        OptionalInt uid = OptionalInt.empty();
        OptionalInt gid = OptionalInt.empty();
        boolean required = false;
        Optional<String> env = Optional.empty();
        Optional<Long> size = Optional.empty();
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(field.substring(eq + 1));
            switch (key) {
                case "type" -> { }
                case "target", "dst", "destination" -> target = Optional.of(need(key, value));
                case "source", "src" -> source = Optional.of(need(key, value));
                case "from" -> from = Optional.of(need(key, value));
                case "readonly", "ro" -> readOnly = Optional.of(bool(key, value));
                case "readwrite", "rw" -> readOnly = Optional.of(!bool(key, value));
                case "id" -> id = Optional.of(need(key, value));
                case "sharing" -> sharing = sharing(need(key, value));
                case "mode" -> mode = Optional.of(octal(need(key, value)));
                case "uid" -> uid = OptionalInt.of(integer(key, need(key, value)));
                case "gid" -> gid = OptionalInt.of(integer(key, need(key, value)));
                case "required" -> {
                    only(type, key, Mount.Type.SECRET, Mount.Type.SSH);
                    required = bool(key, value);
                }
                case "env" -> {
                    only(type, key, Mount.Type.SECRET);
                    env = Optional.of(need(key, value));
                }
                case "size" -> {
                    only(type, key, Mount.Type.TMPFS);
                    size = Optional.of(bytes(need(key, value)));
                }
                default -> throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field
                        + "'" + Suggestion.closest(key, KEYS).map(s -> " (did you mean " + s + "?)").orElse(""));
            }
        }
        if (type != Mount.Type.CACHE && sharing != Mount.Sharing.SHARED) {
            throw new IllegalArgumentException("sharing is only valid for type=cache mounts");
        }
        if ((type == Mount.Type.BIND || type == Mount.Type.CACHE || type == Mount.Type.TMPFS) && target.isEmpty()) {
            throw new IllegalArgumentException("mount type=" + type.name().toLowerCase(Locale.ROOT)
                    + " needs a target (target=/path)");
        }
        if (type == Mount.Type.SECRET && id.isEmpty() && target.isEmpty()) {
            throw new IllegalArgumentException("secret mount needs an id or a target");
        }
        if (type == Mount.Type.TMPFS && (from.isPresent() || source.isPresent())) {
            throw new IllegalArgumentException("tmpfs mounts take no from or source");
        }
        boolean ro = readOnly.orElse(type == Mount.Type.BIND || type == Mount.Type.SECRET || type == Mount.Type.SSH);
        return new Mount(type, target, source, from, ro, id, sharing, mode, uid, gid, required, env, size);
    }

    private static final List<String> KEYS = List.of("type", "target", "source", "from", "readonly", "readwrite",
            "id", "sharing", "mode", "uid", "gid", "required", "env", "size", "dst", "src", "ro", "rw");

    private static void only(Mount.Type actual, String key, Mount.Type... allowed) {
        for (Mount.Type t : allowed) {
            if (t == actual) {
                return;
            }
        }
        throw new IllegalArgumentException("unexpected key '" + key + "' for mount type '"
                + actual.name().toLowerCase(Locale.ROOT) + "'");
    }

    private static String need(String key, Optional<String> value) {
        return value.orElseThrow(() -> new IllegalArgumentException("mount option " + key + " needs a value (" + key + "=...)"));
    }

    private static boolean bool(String key, Optional<String> value) {
        if (value.isEmpty()) {
            return true;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("invalid value for " + key + ": " + value.get());
        };
    }

    private static Mount.Sharing sharing(String v) {
        try {
            return Mount.Sharing.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsupported sharing value \"" + v + "\" (use shared, private or locked)");
        }
    }

    private static int octal(String v) {
        try {
            return Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid mode \"" + v + "\": expected an octal number such as 0644");
        }
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid " + key + " \"" + v + "\": expected a number");
        }
    }

    private static long bytes(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        String unit = s.substring(i).replace("ib", "").replace("b", "");
        long mult = switch (unit) {
            case "" -> 1L;
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> throw new IllegalArgumentException("invalid size \"" + v + "\"");
        };
        try {
            return (long) (Double.parseDouble(s.substring(0, i)) * mult);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size \"" + v + "\"");
        }
    }

    /** The fields of a {@code --mount} value as BuildKit's CSV reader splits them; empty fields are skipped. */
    private static List<String> fields(String spec) {
        try {
            return CsvFields.split(spec).stream().filter(field -> !field.isEmpty()).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --mount value " + spec + ": " + e.getMessage(), e);
        }
    }
}
