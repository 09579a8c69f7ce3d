package dev.hoist.dockerfile.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The automatic platform ARGs: TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT and the BUILD* ones.
 *
 * @param target the platform being built, e.g. {@code linux/arm64} or {@code linux/arm/v7}
 * @param build the platform of the machine running the build
 */
public record PlatformArgs(String target, String build) {

    /** The names, in BuildKit's order. */
    public static final List<String> NAMES = List.of("TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT");

    /** Target and build platform both this machine's (linux and the JVM's architecture in OCI spelling). */
    public static PlatformArgs host() {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
        return new PlatformArgs("linux/" + arch, "linux/" + arch);
    }

    /** The eight variables and their values. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "TARGET", target);
        put(out, "BUILD", build);
        return out;
    }

    private static void put(Map<String, String> out, String prefix, String platform) {
        String[] parts = platform.split("/");
        out.put(prefix + "PLATFORM", platform);
        out.put(prefix + "OS", parts[0]);
        out.put(prefix + "ARCH", parts.length > 1 ? parts[1] : "");
        out.put(prefix + "VARIANT", parts.length > 2 ? parts[2] : "");
    }
}
