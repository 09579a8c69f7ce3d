package dev.hoist.build.progress;

/** Receives a build's events, from any thread (implementations synchronise). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = event -> {};

  void on(ProgressEvent event);
}
