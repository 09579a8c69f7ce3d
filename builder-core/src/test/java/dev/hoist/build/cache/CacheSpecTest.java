package dev.hoist.build.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.HoistException;
import org.junit.jupiter.api.Test;

class CacheSpecTest {
  @Test
  void parsesBuildxSpellings() {
    assertThat(CacheSpec.parseTo("type=registry,ref=r:5000/app:cache,mode=max"))
        .isEqualTo(new CacheSpec(CacheSpec.Type.REGISTRY, "r:5000/app:cache", CacheSpec.Mode.MAX));
    assertThat(CacheSpec.parseFrom("r:5000/app:cache"))
        .isEqualTo(new CacheSpec(CacheSpec.Type.REGISTRY, "r:5000/app:cache", CacheSpec.Mode.MIN));
    assertThat(CacheSpec.parseTo("type=local,dest=/tmp/c")).isEqualTo(new CacheSpec(CacheSpec.Type.LOCAL, "/tmp/c",
        CacheSpec.Mode.MIN));
    assertThat(CacheSpec.parseFrom("type=local,src=/tmp/c").location()).isEqualTo("/tmp/c");
    assertThat(CacheSpec.parseFrom("ref=r/app:c").type()).isEqualTo(CacheSpec.Type.REGISTRY);
  }

  @Test
  void readsQuotedFieldsAsBuildx() {
    assertThat(CacheSpec.parseTo("type=registry,\"ref=r:5000/x,y\",mode=max"))
        .isEqualTo(new CacheSpec(CacheSpec.Type.REGISTRY, "r:5000/x,y", CacheSpec.Mode.MAX));
    assertThat(CacheSpec.parseFrom("type=local,\"src=/tmp/a,\"\"b\"\"\"").location()).isEqualTo("/tmp/a,\"b\"");
    assertThatThrownBy(() -> CacheSpec.parseTo("type=registry,ref=\"r/x\"")).isInstanceOf(HoistException.class)
        .hasMessage("invalid --cache-to type=registry,ref=\"r/x\": a quote inside a field; quote the whole field, as in \"key=a,b\"");
    assertThatThrownBy(() -> CacheSpec.parseFrom("type=registry,\"ref=r/x")).isInstanceOf(HoistException.class)
        .hasMessage("invalid --cache-from type=registry,\"ref=r/x: a quoted field has no closing quote");
  }

  @Test
  void refusesWhatItCannotDo() {
    assertThatThrownBy(() -> CacheSpec.parseTo("type=gha")).isInstanceOf(HoistException.class)
        .hasMessage("invalid --cache-to type=gha: unsupported type gha (hoist supports type=registry and type=local)");
    assertThatThrownBy(() -> CacheSpec.parseFrom("type=local,dest=/x")).hasMessageContaining("src= is required");
    assertThatThrownBy(() -> CacheSpec.parseTo("type=local,dest=/x,mode=all")).hasMessageContaining("mode must be");
    assertThatThrownBy(() -> CacheSpec.parseTo("type=registry,oops")).hasMessageContaining("\"oops\" is not key=value");
  }
}
