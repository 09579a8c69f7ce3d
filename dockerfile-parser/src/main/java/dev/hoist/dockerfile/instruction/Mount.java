package dev.hoist.dockerfile.instruction;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code RUN --mount=...}. Values are as written; the builder expands them like other flag values.
 *
 * @param type bind, cache, tmpfs, secret or ssh
 * @param target where it appears in the container (secret and ssh have defaults, see {@link #effectiveTarget()})
 * @param source the path in the source ({@code from} stage, image or context)
 * @param from a stage name, stage index or image the bind or cache is seeded from
 * @param readOnly whether it is read-only (bind defaults to true, cache to false)
 * @param id cache id, secret id or ssh id
 * @param sharing for cache: shared, private or locked
 * @param mode file mode (octal) for cache, secret and ssh
 * @param uid owner uid
 * @param gid owner gid
 * @param required for secret and ssh: fail when not provided
 * @param env for secret: expose it as this environment variable instead of a file
 * @param size for tmpfs: size in bytes
 */
public record Mount(Type type, Optional<String> target, Optional<String> source, Optional<String> from,
                    boolean readOnly, Optional<String> id, Sharing sharing, Optional<Integer> mode,
                    OptionalInt uid, OptionalInt gid, boolean required, Optional<String> env, Optional<Long> size) {

    /** The mount kinds BuildKit supports. */
    public enum Type { BIND, CACHE, TMPFS, SECRET, SSH }

    /** How a cache mount is shared between concurrent builds. */
    public enum Sharing { SHARED, PRIVATE, LOCKED }

    /** The target, with BuildKit's defaults for secrets ({@code /run/secrets/<id>}) and ssh. */
    public Optional<String> effectiveTarget() {
        if (target.isPresent()) {
            return target;
        }
        if (type == Type.SECRET && env.isEmpty()) {
            return id.map(i -> "/run/secrets/" + i);
        }
        if (type == Type.SSH) {
            return Optional.of("/run/buildkit/ssh_agent.0");
        }
        return Optional.empty();
    }

    /** The id, with BuildKit's defaults: the target for cache, the target's base name for secrets, "default" for ssh. */
    public Optional<String> effectiveId() {
        if (id.isPresent()) {
            return id;
        }
        return switch (type) {
            case CACHE -> target;
            case SECRET -> target.map(t -> t.substring(t.lastIndexOf('/') + 1));
            case SSH -> Optional.of("default");
            default -> Optional.empty();
        };
    }
}
