package dev.hoist.build.progress;

import dev.hoist.oci.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** One JSON object per line per event, for scripts: {@code {"event":"step.finished","time":"...","id":3,...}}. */
public final class JsonRenderer implements ProgressListener {
  private final PrintWriter out;

  public JsonRenderer(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void on(ProgressEvent event) {
    out.println(Json.writeString(toMap(event)));
    out.flush();
  }

  /** The event as an ordered map of its fields, with an {@code event} name first. */
  public static Map<String, Object> toMap(ProgressEvent event) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", event.time().toString());
    if (event instanceof ProgressEvent.StageStarted s) {
      m.put("event", "stage.started");
      m.put("stage", s.stage());
      m.put("platform", s.platform());
    } else if (event instanceof ProgressEvent.StageFinished s) {
      m.put("event", "stage.finished");
      m.put("stage", s.stage());
      m.put("platform", s.platform());
    } else if (event instanceof ProgressEvent.StepStarted s) {
      m.put("event", "step.started");
      m.put("id", s.id());
      m.put("stage", s.stage());
      m.put("platform", s.platform());
      m.put("n", s.n());
      m.put("total", s.total());
      m.put("text", s.text());
    } else if (event instanceof ProgressEvent.StepFinished f) {
      m.put("event", "step.finished");
      m.put("id", f.id());
      m.put("cached", f.cached());
      m.put("durationMs", f.duration().toMillis());
    } else if (event instanceof ProgressEvent.StepFailed f) {
      m.put("event", "step.failed");
      m.put("id", f.id());
      m.put("error", f.error());
    } else if (event instanceof ProgressEvent.Info i) {
      m.put("event", "info");
      m.put("message", i.message());
    } else if (event instanceof ProgressEvent.BuildFinished b) {
      m.put("event", "build.finished");
      m.put("digest", b.digest());
      m.put("durationMs", b.duration().toMillis());
    }
    return m;
  }
}
