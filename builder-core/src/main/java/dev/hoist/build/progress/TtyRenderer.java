package dev.hoist.build.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A live view for terminals: finished steps scroll up as plain lines, the steps running now are
 * redrawn in place below them (ANSI cursor movement), with their elapsed time and, when several
 * platforms are built, their platform. While a step runs a ticker redraws every {@link #TICK}, so
 * the time of a long RUN keeps counting between events; it stops when nothing runs and on {@link
 * #close()}. Running lines are cut to the terminal's width: a wrapped line would break the redraw.
 */
public final class TtyRenderer implements ProgressListener, AutoCloseable {
  /** How often the running steps are redrawn while no event comes. */
  public static final Duration TICK = Duration.ofMillis(150);

  private final PrintWriter out;
  private final boolean showPlatform;
  private final int width;
  private final InstantSource clock;
  private final Duration tick;
  private final Map<Integer, ProgressEvent.StepStarted> running = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;
  private ScheduledFuture<?> ticking;
  private int drawn;

  /** A renderer for a terminal {@code width} columns wide. */
  public TtyRenderer(PrintWriter out, boolean showPlatform, int width) {
    this(out, showPlatform, width, InstantSource.system(), TICK);
  }

  TtyRenderer(PrintWriter out, boolean showPlatform, int width, InstantSource clock, Duration tick) {
    this.out = out;
    this.showPlatform = showPlatform;
    this.width = width;
    this.clock = clock;
    this.tick = tick;
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
    tickWhileRunning();
  }

  /** Redraws the running steps with their elapsed time now (what the ticker does). */
  synchronized void redraw() {
    clear();
    draw();
    out.flush();
  }

  /** Whether the ticker is redrawing (a step runs and the renderer is open). */
  synchronized boolean ticking() {
    return ticking != null;
  }

  /** Stops the ticker and waits for its thread to end; what is drawn stays. */
  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      if (ticking != null) {
        ticking.cancel(false);
        ticking = null;
      }
      stopping = ticker;
      ticker = null;
    }
    if (stopping != null) {
      stopping.shutdown();
      try {
        stopping.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void tickWhileRunning() {
    if (!running.isEmpty() && ticking == null) {
      if (ticker == null) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "hoist-progress");
          t.setDaemon(true);
          return t;
        });
      }
      ticking = ticker.scheduleAtFixedRate(this::redraw, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
    } else if (running.isEmpty() && ticking != null) {
      ticking.cancel(false);
      ticking = null;
    }
  }

  private void clear() {
    for (int i = 0; i < drawn; i++) {
      out.print("\033[1A\033[2K");
    }
    drawn = 0;
  }

  private void draw() {
    Instant now = clock.instant();
    for (ProgressEvent.StepStarted s : running.values()) {
      String elapsed = "  " + PlainRenderer.seconds(Duration.between(s.time(), now).toNanos());
      out.println("\033[1m" + fit(line(s), elapsed) + "\033[0m");
      drawn++;
    }
  }

  /** {@code text} cut so that it and {@code tail} fill at most one terminal line. */
  private String fit(String text, String tail) {
    text = text.replace('\n', ' ');
    int room = width - 1 - tail.length();
    if (text.length() > room) {
      text = text.substring(0, Math.max(0, room - 3)) + "...";
    }
    return text + tail;
  }

  private String line(ProgressEvent.StepStarted s) {
    return "=> [" + (showPlatform ? s.platform() + " " : "") + s.stage() + " " + s.n() + "/" + s.total() + "] "
        + s.text();
  }
}
