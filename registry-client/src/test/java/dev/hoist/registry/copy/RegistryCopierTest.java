package dev.hoist.registry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import dev.hoist.oci.ImageIndex;
import dev.hoist.oci.ImageReference;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import dev.hoist.registry.RegistryClients;
import dev.hoist.registry.RegistryConfig;
import dev.hoist.registry.Repository;
import dev.hoist.registry.index.IndexAssembler;
import dev.hoist.registry.index.IndexFormat;
import dev.hoist.registry.manifest.RawManifest;
import dev.hoist.registry.manifest.Referrers;
import dev.hoist.registry.testing.RegistryExtension;
import dev.hoist.registry.testing.TestArtifact;
import dev.hoist.registry.testing.TestImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registry-to-registry copies and index assembly between two real registries. */
class RegistryCopierTest {
  @RegisterExtension static RegistryExtension one = RegistryExtension.plain();
  @RegisterExtension static RegistryExtension two = RegistryExtension.plain();

  private static RegistryClients clients() {
    return new RegistryClients(one.clientConfig());
  }

  private static ImageReference ref(RegistryExtension r, String rest) {
    return ImageReference.parse(r.hostPort() + "/" + rest);
  }

  @Test
  void copiesAcrossRegistriesThenSkipsThenMountsWithinOne() {
    TestImage image = one.pushRandomImage("src", "v1", 3000, 4000);
    RegistryCopier copier = new RegistryCopier(clients());
    CopyResult first = copier.copy(ref(one, "src:v1"), ref(two, "dst:v1"), PlatformSelection.host(), CopyListener.NONE);
    assertThat(first.digest()).isEqualTo(image.digest());
    assertThat(first.uploaded()).isEqualTo(3);
    assertThat(two.client().repository("dst").manifest("v1").bytes()).isEqualTo(image.manifestBytes());

    CopyResult again = copier.copy(ref(one, "src:v1"), ref(two, "dst:v2"), PlatformSelection.host(), CopyListener.NONE);
    assertThat(again.existed()).isEqualTo(3);
    assertThat(again.uploaded()).isZero();

    CopyResult mounted = copier.copy(ref(one, "src:v1"), ref(one, "other:v1"), PlatformSelection.host(), CopyListener.NONE);
    assertThat(mounted.mounted()).isEqualTo(3);
  }

  @Test
  void indexCopiesWholeOrOnePlatform() {
    Repository repo = one.client().repository("multi");
    TestImage amd = TestImage.random(Platform.parse("linux/amd64"), 500).push(repo, "amd64");
    TestImage arm = TestImage.random(Platform.parse("linux/arm64"), 600).push(repo, "arm64");
    RegistryClients clients = clients();
    RawManifest index = new IndexAssembler(clients).create(ref(one, "multi:all"),
        List.of(ref(one, "multi:amd64"), ref(one, "multi:arm64")), Map.of("org.example", "yes"), IndexFormat.OCI);
    ImageIndex parsed = index.index();
    assertThat(parsed.manifests()).extracting(Descriptor::platform)
        .containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
    assertThat(parsed.annotations()).containsEntry("org.example", "yes");

    RegistryCopier copier = new RegistryCopier(clients);
    CopyResult all = copier.copy(ref(one, "multi:all"), ref(two, "multi:all"), PlatformSelection.all(), CopyListener.NONE);
    assertThat(all.digest()).isEqualTo(index.digest());
    assertThat(all.mediaType()).isEqualTo(MediaType.OCI_INDEX);
    assertThat(two.client().repository("multi").manifest(arm.digest().toString()).bytes()).isEqualTo(arm.manifestBytes());

    CopyResult armOnly = copier.copy(ref(one, "multi:all"), ref(two, "armonly:v1"),
        PlatformSelection.of(Platform.parse("linux/arm64")), CopyListener.NONE);
    assertThat(armOnly.digest()).isEqualTo(arm.digest());
    assertThat(two.client().repository("armonly").manifest("v1").isIndex()).isFalse();

    assertThatThrownBy(() -> copier.copy(ref(one, "multi:all"), ref(two, "x:v1"),
        PlatformSelection.of(Platform.parse("linux/s390x")), CopyListener.NONE))
        .isInstanceOf(HoistException.class)
        .hasMessageContaining("linux/s390x").hasMessageContaining("linux/amd64, linux/arm64");
    assertThat(amd.digest()).isNotEqualTo(arm.digest());
  }

  @Test
  void indexFromAnotherRepositoryIsCopiedInAndAppendReplacesAPlatform() {
    TestImage amd = TestImage.random(Platform.parse("linux/amd64"), 300).push(one.client().repository("parts"), "amd64");
    TestImage arm = TestImage.random(Platform.parse("linux/arm64"), 300).push(one.client().repository("parts"), "arm64");
    TestImage arm2 = TestImage.random(Platform.parse("linux/arm64"), 300).push(one.client().repository("parts"), "arm64-2");
    RegistryClients clients = clients();
    IndexAssembler assembler = new IndexAssembler(clients);
    assembler.create(ref(one, "combined:v1"), List.of(ref(one, "parts:amd64"), ref(one, "parts:arm64")),
        Map.of(), IndexFormat.OCI);
    assertThat(one.client().repository("combined").headManifest(amd.digest().toString())).isPresent();
    RawManifest appended = assembler.append(ref(one, "combined:v1"), List.of(ref(one, "parts:arm64-2")), Map.of());
    assertThat(appended.index().manifests()).extracting(Descriptor::digest).containsExactly(amd.digest(), arm2.digest());
    assertThat(arm.digest()).isNotEqualTo(arm2.digest());
    assertThatThrownBy(() -> assembler.create(ref(one, "combined:docker"), List.of(ref(one, "parts:amd64")),
        Map.of(), IndexFormat.DOCKER)).hasMessageContaining("--format oci");
  }

  @Test
  void parallelismIsConfigurable() {
    RegistryConfig c = one.clientConfig().withParallelTransfers(1);
    TestImage image = one.pushRandomImage("serial", "v1", 100, 200, 300);
    CopyResult r = new RegistryCopier(new RegistryClients(c)).copy(ref(one, "serial:v1"), ref(two, "serial:v1"),
        PlatformSelection.all(), CopyListener.NONE);
    assertThat(r.digest()).isEqualTo(image.digest());
  }

  private static final String SIG = "application/vnd.example.sig";
  private static final String SBOM = "application/vnd.example.sbom";

  private static List<Digest> referrers(RegistryExtension r, String repository, Digest subject) {
    return r.client().repository(repository).referrers(subject, Optional.empty()).stream().map(Descriptor::digest).toList();
  }

  @Test
  void referrersAndTheirReferrersComeAlongOnlyWhenAsked() {
    TestImage image = one.pushRandomImage("signed", "v1", 700);
    Repository src = one.client().repository("signed");
    TestArtifact sig = TestArtifact.about(image.descriptor(), SIG, 100).push(src);
    TestArtifact sbom = TestArtifact.about(image.descriptor(), SBOM, 300).push(src);
    TestArtifact sbomSig = TestArtifact.about(sbom.descriptor(), SIG, 100).push(src);
    RegistryCopier copier = new RegistryCopier(clients());

    CopyResult plain = copier.copy(ref(one, "signed:v1"), ref(two, "unsigned:v1"), PlatformSelection.host(),
        CopyListener.NONE);
    assertThat(plain.referrers()).isZero();
    assertThat(two.client().repository("unsigned").tags()).containsExactly("v1");

    List<String> heard = new ArrayList<>();
    CopyListener listener = new CopyListener() {
      @Override
      public synchronized void referrerPushed(ImageReference target, Descriptor referrer, Digest subject) {
        heard.add(referrer.digest() + " of " + subject + " to " + target);
      }
    };
    CopyResult copied = copier.copy(ref(one, "signed:v1"), ref(two, "signed:v1"), PlatformSelection.host(),
        ReferrerPolicy.COPY, listener);
    assertThat(copied.referrers()).isEqualTo(3);
    assertThat(copied.uploaded()).as("config, layer, {}, three payloads").isEqualTo(6);
    Repository dst = two.client().repository("signed");
    assertThat(referrers(two, "signed", image.digest())).containsExactly(sig.digest(), sbom.digest());
    assertThat(referrers(two, "signed", sbom.digest())).containsExactly(sbomSig.digest());
    assertThat(dst.manifest(Referrers.fallbackTag(image.digest())).index().manifests())
        .extracting(Descriptor::artifactType).containsExactly(SIG, SBOM);
    assertThat(dst.manifest(sbomSig.digest().toString()).bytes()).isEqualTo(sbomSig.manifestBytes());
    assertThat(heard).containsExactly(
        sig.digest() + " of " + image.digest() + " to " + ref(two, "signed@" + sig.digest()),
        sbom.digest() + " of " + image.digest() + " to " + ref(two, "signed@" + sbom.digest()),
        sbomSig.digest() + " of " + sbom.digest() + " to " + ref(two, "signed@" + sbomSig.digest()));

    Digest fallback = dst.headManifest(Referrers.fallbackTag(image.digest())).orElseThrow().digest();
    CopyResult again = copier.copy(ref(one, "signed:v1"), ref(two, "signed:v1"), PlatformSelection.host(),
        ReferrerPolicy.COPY, CopyListener.NONE);
    assertThat(again.existed()).isEqualTo(6);
    assertThat(dst.headManifest(Referrers.fallbackTag(image.digest())).orElseThrow().digest())
        .as("a second copy lists nothing twice").isEqualTo(fallback);
  }

  @Test
  void referrersOfEachChildOfACopiedIndexComeAlong() {
    Repository repo = one.client().repository("signedmulti");
    TestImage amd = TestImage.random(Platform.parse("linux/amd64"), 200).push(repo, "amd64");
    TestImage arm = TestImage.random(Platform.parse("linux/arm64"), 200).push(repo, "arm64");
    RawManifest index = new IndexAssembler(clients()).create(ref(one, "signedmulti:all"),
        List.of(ref(one, "signedmulti:amd64"), ref(one, "signedmulti:arm64")), Map.of(), IndexFormat.OCI);
    TestArtifact armSig = TestArtifact.about(arm.descriptor(), SIG, 50).push(repo);
    TestArtifact indexSig = TestArtifact.about(index.descriptor(), SIG, 50).push(repo);
    RegistryCopier copier = new RegistryCopier(clients());

    CopyResult all = copier.copy(ref(one, "signedmulti:all"), ref(two, "signedmulti:all"), PlatformSelection.all(),
        ReferrerPolicy.COPY, CopyListener.NONE);
    assertThat(all.referrers()).isEqualTo(2);
    assertThat(referrers(two, "signedmulti", arm.digest())).containsExactly(armSig.digest());
    assertThat(referrers(two, "signedmulti", index.digest())).containsExactly(indexSig.digest());
    assertThat(referrers(two, "signedmulti", amd.digest())).isEmpty();

    CopyResult armOnly = copier.copy(ref(one, "signedmulti:all"), ref(two, "armsigned:v1"),
        PlatformSelection.of(Platform.parse("linux/arm64")), ReferrerPolicy.COPY, CopyListener.NONE);
    assertThat(armOnly.referrers()).as("the index was not copied, so neither is its signature").isEqualTo(1);
    assertThat(referrers(two, "armsigned", arm.digest())).containsExactly(armSig.digest());
  }
}
