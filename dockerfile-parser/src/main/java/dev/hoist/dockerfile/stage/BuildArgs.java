package dev.hoist.dockerfile.stage;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.ArgDeclaration;
import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --build-arg} values of a build and BuildKit's ARG scoping rules:
 * <ul>
 *   <li>global ARGs (before the first FROM) are visible only in FROM lines, unless a stage re-declares them
 *       ({@code ARG NAME} without a default takes the global value);</li>
 *   <li>a provided build arg overrides a default, but only for names an ARG declares;</li>
 *   <li>the platform ARGs (TARGETPLATFORM ...) are always visible in FROM lines and in a stage once declared;</li>
 *   <li>the proxy ARGs (HTTP_PROXY ...) reach RUN without being declared.</li>
 * </ul>
 */
public final class BuildArgs {

    /** The predefined proxy arguments. */
    public static final Set<String> PROXY_ARGS = Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
            "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private final Map<String, String> provided;
    private final PlatformArgs platform;

    public BuildArgs(Map<String, String> provided, PlatformArgs platform) {
        this.provided = Map.copyOf(provided);
        this.platform = platform;
    }

    /** No build args, host platform. */
    public static BuildArgs none() {
        return new BuildArgs(Map.of(), PlatformArgs.host());
    }

    public Map<String, String> provided() {
        return provided;
    }

    public PlatformArgs platform() {
        return platform;
    }

    /** The values visible in FROM lines: the platform ARGs and the global ARGs with overrides applied. */
    public Map<String, String> globalValues(Dockerfile dockerfile) {
        Map<String, String> values = new LinkedHashMap<>(platform.values());
        InstructionExpander expander = new InstructionExpander(dockerfile.fileName(), dockerfile.escape());
        for (ArgInstruction arg : dockerfile.globalArgs()) {
            ArgInstruction expanded = (ArgInstruction) expander.expand(arg, EnvLookup.of(values)).instruction();
            for (ArgDeclaration d : expanded.args()) {
                String v = provided.get(d.name());
                if (v != null) {
                    values.put(d.name(), v);
                } else if (d.defaultValue().isPresent()) {
                    values.put(d.name(), d.defaultValue().get());
                } else if (!PlatformArgs.NAMES.contains(d.name())) {
                    values.remove(d.name());
                }
            }
        }
        return values;
    }

    /** A lookup over {@link #globalValues}. */
    public EnvLookup globalScope(Dockerfile dockerfile) {
        return EnvLookup.of(globalValues(dockerfile));
    }

    /** A fresh ARG scope for one stage. */
    public StageArgs stageScope(Dockerfile dockerfile) {
        return new StageArgs(globalValues(dockerfile), provided, platform);
    }

    /** Provided build args that no ARG in the file declares (BuildKit warns about these). */
    public Set<String> unused(Dockerfile dockerfile) {
        Set<String> declared = new LinkedHashSet<>();
        dockerfile.globalArgs().forEach(a -> a.args().forEach(d -> declared.add(d.name())));
        dockerfile.stages().forEach(s -> s.instructions().forEach(i -> {
            if (i instanceof ArgInstruction a) {
                a.args().forEach(d -> declared.add(d.name()));
            }
        }));
        Set<String> out = new LinkedHashSet<>(provided.keySet());
        out.removeAll(declared);
        out.removeAll(PROXY_ARGS);
        return out;
    }
}
