package dev.hoist.cache.store;

import dev.hoist.oci.Descriptor;
import dev.hoist.oci.Manifest;
import dev.hoist.oci.MediaType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Child process of {@link StoreKillTest}: writes blobs and tags images until it is killed. */
public final class StoreTorture {
  private StoreTorture() {}

  public static void main(String[] args) throws Exception {
    LocalStore store = LocalStore.open(Path.of(args[0]));
    Random random = new Random(Long.parseLong(args[1]));
    Files.writeString(Path.of(args[0], "started-" + args[1]), "");
    for (int i = 0; ; i++) {
      long size = 1 + random.nextInt(4 * 1024 * 1024);
      Descriptor layer;
      try (InputStream in = new RandomStream(random.nextLong(), size)) {
        layer = store.putBlob(MediaType.OCI_LAYER, in, Optional.empty());
      }
      Descriptor config = store.putBytes(MediaType.OCI_CONFIG, ("{\"i\":" + i + "}").getBytes());
      Descriptor manifest = store.putBytes(MediaType.OCI_MANIFEST,
          Manifest.oci(config, List.of(layer), Map.of()).toJson());
      store.tag("torture" + args[1] + ":" + (i % 5), manifest);
    }
  }

  private static final class RandomStream extends InputStream {
    private final Random r;
    private long left;

    RandomStream(long seed, long size) {
      r = new Random(seed);
      left = size;
    }

    @Override
    public int read() {
      return left-- > 0 ? r.nextInt(256) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      byte[] chunk = new byte[n];
      r.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      left -= n;
      return n;
    }
  }
}
