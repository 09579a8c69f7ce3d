package dev.hoist.build.step;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.cache.layer.Layer;
import dev.hoist.dockerfile.instruction.WorkdirInstruction;
import dev.hoist.oci.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WORKDIR: sets the working directory and, when the image lacks it, adds a layer that makes it and
 * its missing parents (mode 0755), owned as BuildKit's mkdir owns them: by the image's {@code USER}
 * (names resolved through its passwd and group), root when there is none. Directories that exist
 * are left as they are.
 */
public final class WorkdirExecutor implements StepExecutor<WorkdirInstruction> {
  @Override
  public PreparedStep prepare(WorkdirInstruction expanded, StepInput in) throws Exception {
    ImageState edited = ConfigEditor.apply(expanded, in.state());
    String dir = edited.config().config().workingDir();
    String user = edited.config().config().user();
    ImageFiles files = in.files().get();
    List<String> missingDirs = new ArrayList<>();
    for (String rel = dir.substring(1); !rel.isEmpty() && !files.hasDirectoryOrLink(rel); rel = CopyPlanner.parentOf(rel)) {
      missingDirs.add(0, rel);
    }
    Owner owner = missingDirs.isEmpty() || user.isEmpty() ? Owner.ROOT : Owner.ofUser(user, files);
    long mtime = in.stage().clock().created().getEpochSecond();
    List<FileEntry> missing = missingDirs.stream()
        .map(d -> FileEntry.directory(d, 0755, owner.uid(), owner.gid(), mtime)).toList();
    String createdBy = CreatedBy.of(expanded, edited.config().config(), in.args());
    CacheKey key = CacheKey.below(in.state().cacheKey()).part("WORKDIR").part(dir).part(Integer.toString(missing.size()))
        .part(user).part(owner.uid() + ":" + owner.gid());
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
