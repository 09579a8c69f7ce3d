package dev.hoist.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a process' merged output into lines (cut at 8 KiB so one endless line cannot fill the
 * heap), hands each to a consumer and keeps the last few.
 */
final class OutputPump {
  private static final int MAX_LINE = 8192;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private final int keep;
  private final Consumer<String> sink;

  OutputPump(Consumer<String> sink, int keep) {
    this.sink = sink;
    this.keep = keep;
  }

  void pump(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    byte[] line = new byte[MAX_LINE];
    int len = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      for (int i = 0; i < n; i++) {
        byte b = buf[i];
        if (b == '\n' || len == MAX_LINE) {
          emit(line, len);
          len = 0;
          if (b == '\n') {
            continue;
          }
        }
        line[len++] = b;
      }
    }
    if (len > 0) {
      emit(line, len);
    }
  }

  private void emit(byte[] line, int len) {
    int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
    String s = new String(line, 0, end, StandardCharsets.UTF_8);
    sink.accept(s);
    tail.addLast(s);
    while (tail.size() > keep) {
      tail.removeFirst();
    }
  }

  List<String> tail() {
    return List.copyOf(tail);
  }
}
