package dev.hoist.transfer;

import dev.hoist.cache.tar.TarEntry;
import dev.hoist.cache.tar.TarWriter;
import dev.hoist.oci.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An uncompressed tar archive written to a temp file beside its target and renamed into place
 * when complete, so a failed save never leaves a half archive under the target name.
 */
final class ArchiveWriter implements ArchiveSink {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream out;
  private final TarWriter tar;
  private boolean done;

  ArchiveWriter(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    this.temp = Files.createTempFile(this.target.getParent(), "." + target.getFileName(), ".tmp");
    this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
    this.tar = new TarWriter(out);
  }

  @Override
  public TarWriter tar() {
    return tar;
  }

  /**
   * Writes a file whose size is learnt only by reading {@code content} to its end: a header block
   * is reserved, the content streamed once, and the header written over the reserved block. The
   * file is named after reading, by {@code name} applied to the content's sha256; when {@code
   * present} says that name is already in the archive, the entry is cut off again. Returns the name.
   */
  String fileOfUnknownSize(InputStream content, Function<Digest, String> name, Predicate<String> present)
      throws IOException {
    out.flush();
    long at = channel.position();
    out.write(new byte[TarWriter.BLOCK]);
    MessageDigest md = Digest.newSha256();
    long size = content.transferTo(new DigestOutputStream(out, md));
    out.write(new byte[TarWriter.padding(size)]);
    out.flush();
    String named = name.apply(Digest.fromSha256(md));
    if (present.test(named)) {
      channel.truncate(at);
      channel.position(at);
      return named;
    }
    ByteBuffer header = ByteBuffer.wrap(TarWriter.singleBlockHeader(TarEntry.file(named, size)));
    for (long p = at; header.hasRemaining(); ) {
      p += channel.write(header, p);
    }
    return named;
  }

  /** Finishes the archive, fsyncs it and renames it to the target. */
  @Override
  public void commit() throws IOException {
    tar.finish();
    out.flush();
    channel.force(true);
    channel.close();
    Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    done = true;
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      channel.close();
      Files.deleteIfExists(temp);
    }
  }
}
