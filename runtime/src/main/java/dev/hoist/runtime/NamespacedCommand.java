package dev.hoist.runtime;

import dev.hoist.runtime.snapshot.OverlayMount;
import dev.hoist.runtime.userns.UserNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host command line of a run: the runtime inside a private mount namespace ({@code unshare
 * --mount}, with the user namespace when rootless) where the snapshot's overlay and the runtime's
 * own setup are mounted first, by a small {@code sh -c} script that then {@code exec}s the runtime.
 * The mounts vanish with the namespace when the runtime exits, however it exits.
 */
final class NamespacedCommand {
  /** What the script prints (to stderr) when a setup step fails, before it exits 125. */
  static final String SETUP_FAILED = "hoist: container setup failed";

  private NamespacedCommand() {}

  static List<String> of(UserNamespace userns, Optional<OverlayMount> overlay, List<List<String>> runtimeSetup,
      List<String> runtimeCommand) {
    List<List<String>> setup = new ArrayList<>();
    overlay.ifPresent(o -> {
      setup.add(List.of("cd", o.directory().toString()));
      setup.add(List.of("mount", "-t", "overlay", "overlay", "-o", o.options(), o.target().toString()));
    });
    setup.addAll(runtimeSetup);
    if (setup.isEmpty() && !userns.rootless()) {
      return runtimeCommand;
    }
    List<String> cmd = new ArrayList<>(List.of("unshare"));
    cmd.addAll(userns.unshareArgs());
    cmd.addAll(List.of("--mount", "--"));
    if (setup.isEmpty()) {
      cmd.addAll(runtimeCommand);
      return cmd;
    }
    StringBuilder script = new StringBuilder();
    for (List<String> step : setup) {
      script.append(ShellQuote.join(step)).append(" || { echo '").append(SETUP_FAILED).append("' >&2; exit 125; }; ");
    }
    script.append("exec ").append(ShellQuote.join(runtimeCommand));
    cmd.addAll(List.of("sh", "-c", script.toString()));
    return cmd;
  }
}
