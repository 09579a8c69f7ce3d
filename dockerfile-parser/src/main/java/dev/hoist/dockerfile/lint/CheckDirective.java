package dev.hoist.dockerfile.lint;

import dev.hoist.dockerfile.Dockerfile;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code # check=skip=Rule1,Rule2;error=true} directive.
 *
 * @param skip rule names to skip (lower case); {@code all} skips every rule
 * @param error whether warnings should fail the build
 */
public record CheckDirective(Set<String> skip, boolean error) {

    public CheckDirective {
        skip = Set.copyOf(skip);
    }

    /** Reads the directive of a Dockerfile; no directive means no skips and no errors. */
    public static CheckDirective of(Dockerfile dockerfile) {
        return parse(dockerfile.directive("check").orElse(""));
    }

    /** Parses the directive value. Unknown keys are ignored, as BuildKit does. */
    public static CheckDirective parse(String value) {
        Set<String> skip = new LinkedHashSet<>();
        boolean error = false;
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = part.substring(eq + 1).trim();
            if (key.equals("skip")) {
                for (String r : v.split(",")) {
                    if (!r.isBlank()) {
                        skip.add(r.trim().toLowerCase(Locale.ROOT));
                    }
                }
            } else if (key.equals("error")) {
                error = v.equalsIgnoreCase("true");
            }
        }
        return new CheckDirective(skip, error);
    }

    /** Whether a rule is on. */
    public boolean enabled(String rule) {
        return !skip.contains("all") && !skip.contains(rule.toLowerCase(Locale.ROOT));
    }
}
