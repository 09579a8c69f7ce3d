package dev.hoist.build.step;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.cache.layer.Layer;
import dev.hoist.dockerfile.instruction.WorkdirInstruction;
import dev.hoist.oci.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** WORKDIR: sets the working directory and, when the image lacks it, adds a layer that makes it (mode 0755). */
public final class WorkdirExecutor implements StepExecutor<WorkdirInstruction> {
  @Override
  public PreparedStep prepare(WorkdirInstruction expanded, StepInput in) throws Exception {
    ImageState edited = ConfigEditor.apply(expanded, in.state());
    String dir = edited.config().config().workingDir();
    ImageFiles files = in.files().get();
    List<FileEntry> missing = new ArrayList<>();
    String rel = dir.substring(1);
    long mtime = in.stage().clock().created().getEpochSecond();
    while (!rel.isEmpty() && !files.hasDirectoryOrLink(rel)) {
      missing.add(0, FileEntry.directory(rel, 0755, 0, 0, mtime));
      rel = CopyPlanner.parentOf(rel);
    }
    String createdBy = CreatedBy.of(expanded, edited.config().config(), in.args());
    CacheKey key = CacheKey.below(in.state().cacheKey()).part("WORKDIR").part(dir).part(Integer.toString(missing.size()));
    History h = new History(in.stage().clock().createdText(), createdBy, null, CreatedBy.COMMENT, missing.isEmpty());
    return PreparedStep.of(key.digest(), () -> {
      if (missing.isEmpty()) {
        return edited.commit(h, Optional.empty());
      }
      Layer layer = LayerFiles.write(missing, in.stage().layerWriter(), in.stage().store(), in.stage().workDir());
      return edited.commit(h, Optional.of(new ImageState.NewLayer(layer.diffId(), layer.descriptor())));
    }, missing);
  }
}
