package dev.hoist.build.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line per step start and end, readable in CI logs:
 * <pre>
 * #3 [build 2/4] COPY src/ /app/
 * #3 CACHED
 * #4 DONE 0.12s
 * </pre>
 */
public final class PlainRenderer implements ProgressListener {
  private final PrintWriter out;
  private final Map<Integer, ProgressEvent.StepStarted> started = new ConcurrentHashMap<>();
  private final boolean showPlatform;

  public PlainRenderer(PrintWriter out, boolean showPlatform) {
    this.out = out;
    this.showPlatform = showPlatform;
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    if (event instanceof ProgressEvent.StepStarted s) {
      started.put(s.id(), s);
      out.println("#" + s.id() + " [" + (showPlatform ? s.platform() + " " : "") + s.stage() + " " + s.n() + "/"
          + s.total() + "] " + s.text());
    } else if (event instanceof ProgressEvent.StepFinished f) {
      out.println("#" + f.id() + (f.cached() ? " CACHED" : " DONE " + seconds(f.duration().toNanos())));
    } else if (event instanceof ProgressEvent.StepFailed f) {
      out.println("#" + f.id() + " ERROR: " + f.error());
    } else if (event instanceof ProgressEvent.Info i) {
      out.println("# " + i.message());
    } else if (event instanceof ProgressEvent.BuildFinished b) {
      out.println("# built " + b.digest() + " in " + seconds(b.duration().toNanos()));
    }
    out.flush();
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
  }
}
