package dev.hoist.build.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A live view for terminals: finished steps scroll up as plain lines, the steps running now are
 * redrawn in place below them (ANSI cursor movement), with their elapsed time.
 */
public final class TtyRenderer implements ProgressListener {
  private final PrintWriter out;
  private final Map<Integer, ProgressEvent.StepStarted> running = new LinkedHashMap<>();
  private int drawn;

  public TtyRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    clear();
    if (event instanceof ProgressEvent.StepStarted s) {
      running.put(s.id(), s);
    } else if (event instanceof ProgressEvent.StepFinished f) {
      ProgressEvent.StepStarted s = running.remove(f.id());
      if (s != null) {
        out.println(line(s) + (f.cached() ? "  CACHED" : "  " + PlainRenderer.seconds(f.duration().toNanos())));
      }
    } else if (event instanceof ProgressEvent.StepFailed f) {
      ProgressEvent.StepStarted s = running.remove(f.id());
      out.println((s == null ? "#" + f.id() : line(s)) + "  ERROR");
    } else if (event instanceof ProgressEvent.Info i) {
      out.println("=> " + i.message());
    } else if (event instanceof ProgressEvent.BuildFinished b) {
      out.println("=> built " + b.digest() + " in " + PlainRenderer.seconds(b.duration().toNanos()));
    }
    draw();
    out.flush();
  }

  private void clear() {
    for (int i = 0; i < drawn; i++) {
      out.print("\033[1A\033[2K");
    }
    drawn = 0;
  }

  private void draw() {
    Instant now = Instant.now();
    for (ProgressEvent.StepStarted s : running.values()) {
      out.println("\033[1m" + line(s) + "  " + PlainRenderer.seconds(Duration.between(s.time(), now).toNanos()) + "\033[0m");
      drawn++;
    }
  }

  private static String line(ProgressEvent.StepStarted s) {
    return "=> [" + s.stage() + " " + s.n() + "/" + s.total() + "] " + s.text();
  }
}
