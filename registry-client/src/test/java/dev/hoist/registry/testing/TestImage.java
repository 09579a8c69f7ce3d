package dev.hoist.registry.testing;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Digest;
import dev.hoist.oci.ImageConfig;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import dev.hoist.oci.Platform;
import dev.hoist.oci.RootFs;
import dev.hoist.registry.Repository;
import dev.hoist.registry.blob.BlobSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A small valid image built in memory: each layer is a gzip tar holding one file of random bytes,
 * with an OCI config naming the platform and diff IDs. {@link #push} uploads it with hoist's client.
 */
public record TestImage(byte[] config, List<byte[]> layers, Manifest manifest, byte[] manifestBytes, Platform platform) {

  /** An image for linux/amd64 with random layers of about the given sizes. */
  public static TestImage random(int... layerSizes) {
    return random(Platform.parse("linux/amd64"), layerSizes);
  }

  /** An image for {@code platform} with random layers of about the given sizes. */
  public static TestImage random(Platform platform, int... layerSizes) {
    Random random = new Random();
    List<byte[]> layers = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    List<Descriptor> descriptors = new ArrayList<>();
    for (int i = 0; i < layerSizes.length; i++) {
      byte[] content = new byte[layerSizes[i]];
      random.nextBytes(content);
      byte[] tar = tar("file" + i + ".bin", content);
      diffIds.add(Digest.sha256(tar));
      byte[] gz = gzip(tar);
      layers.add(gz);
      descriptors.add(Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.sha256(gz), gz.length));
    }
    ImageConfig cfg = ImageConfig.scratch(platform).withRootFs(RootFs.of(diffIds))
        .withCreated("2024-01-01T00:00:00Z");
    byte[] config = cfg.toJson();
    Manifest m = Manifest.oci(Descriptor.of(MediaType.OCI_CONFIG, Digest.sha256(config), config.length),
        descriptors, Map.of());
    return new TestImage(config, layers, m, m.toJson(), platform);
  }

  public Digest digest() {
    return Digest.sha256(manifestBytes);
  }

  public Descriptor descriptor() {
    return Descriptor.of(MediaType.OCI_MANIFEST, digest(), manifestBytes.length);
  }

  /** Uploads blobs and manifest to {@code repo} under {@code tag}. */
  public TestImage push(Repository repo, String tag) {
    repo.uploadBlob(manifest.config().digest(), config.length, BlobSource.of(config));
    for (int i = 0; i < layers.size(); i++) {
      repo.uploadBlob(manifest.layers().get(i).digest(), layers.get(i).length, BlobSource.of(layers.get(i)));
    }
    repo.putManifest(manifestBytes, MediaType.OCI_MANIFEST, tag);
    return this;
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A ustar archive with one regular file. */
  static byte[] tar(String name, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[512];
    put(header, 0, name, 100);
    put(header, 100, "0000644", 8);
    put(header, 108, "0000000", 8);
    put(header, 116, "0000000", 8);
    put(header, 124, String.format("%011o", content.length), 12);
    put(header, 136, "00000000000", 12);
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar", 6);
    put(header, 263, "00", 2);
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum), 7);
    header[155] = ' ';
    out.writeBytes(header);
    out.writeBytes(content);
    out.writeBytes(new byte[(512 - content.length % 512) % 512]);
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void put(byte[] header, int offset, String value, int length) {
    byte[] b = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, Math.min(b.length, length));
  }
}
