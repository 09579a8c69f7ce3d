package dev.hoist.build.step;

import dev.hoist.build.cache.CacheKey;
import dev.hoist.dockerfile.instruction.Instruction;
import dev.hoist.oci.History;
import java.util.List;
import java.util.Optional;

/** ENV, LABEL, EXPOSE, USER, VOLUME, CMD, ENTRYPOINT, SHELL, STOPSIGNAL, HEALTHCHECK, MAINTAINER, ARG, ONBUILD. */
public final class MetadataExecutor implements StepExecutor<Instruction> {
  @Override
  public PreparedStep prepare(Instruction expanded, StepInput in) {
    ImageState edited = ConfigEditor.apply(expanded, in.state());
    String createdBy = CreatedBy.of(expanded, edited.config().config(), in.args());
    CacheKey key = CacheKey.below(in.state().cacheKey()).part(expanded.keyword()).part(createdBy)
        .part(dev.hoist.oci.Json.writeString(edited.config().config())).part(edited.config().author());
    History h = new History(in.stage().clock().createdText(), createdBy, null, CreatedBy.COMMENT, true);
    return PreparedStep.of(key.digest(), () -> edited.commit(h, Optional.empty()), List.of());
  }
}
