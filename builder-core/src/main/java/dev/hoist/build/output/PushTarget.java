package dev.hoist.build.output;

import dev.hoist.oci.ImageReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reference a build pushes to, and whether with OCI or Docker media types. As with buildx,
 * {@code --push} makes the {@code type=image} and {@code type=registry} outputs push (and is a
 * {@code type=registry} output itself when there is none); a pushing output pushes to its {@code
 * name=} references, else to the {@code -t} names.
 */
public record PushTarget(ImageReference reference, boolean ociMediaTypes) {
  /** The targets of a build, each reference once (the first output naming it decides its media types). */
  public static List<PushTarget> of(List<ImageReference> tags, boolean push, List<OutputSpec> outputs) {
    List<OutputSpec> pushing = new ArrayList<>(outputs.stream()
        .filter(o -> o.pushes() || (push && o.type() == OutputSpec.Type.IMAGE)).toList());
    if (push && pushing.isEmpty()) {
      pushing.add(OutputSpec.parse("type=registry"));
    }
    Map<String, PushTarget> targets = new LinkedHashMap<>();
    for (OutputSpec o : pushing) {
      List<ImageReference> refs = o.names().isEmpty() ? tags : o.names().stream().map(ImageReference::parse).toList();
      for (ImageReference ref : refs) {
        targets.putIfAbsent(ref.toString(), new PushTarget(ref, o.ociMediaTypes()));
      }
    }
    return List.copyOf(targets.values());
  }

  /** Whether the build pushes at all, so that an empty {@link #of} is an error. */
  public static boolean requested(boolean push, List<OutputSpec> outputs) {
    return push || outputs.stream().anyMatch(OutputSpec::pushes);
  }
}
