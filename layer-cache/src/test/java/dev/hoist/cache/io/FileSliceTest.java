package dev.hoist.cache.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceTest {
  @TempDir Path tmp;

  @Test
  void slicesOfOneChannelReadTheirOwnBytesAndLeaveItOpen() throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "0123456789");
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      InputStream a = FileSlice.of(ch, 2, 3);
      InputStream b = FileSlice.of(ch, 7, 3);
      assertThat(a.read()).isEqualTo('2');
      assertThat(new String(b.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("789");
      assertThat(new String(a.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("34");
      assertThat(a.read()).isEqualTo(-1);
      a.close();
      assertThat(ch.isOpen()).isTrue();
    }
  }

  @Test
  void aSliceBeyondTheFileEndFails() throws Exception {
    Path f = Files.writeString(tmp.resolve("f"), "short");
    try (InputStream in = FileSlice.open(f, 2, 10)) {
      assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("7 bytes before");
    }
  }
}
