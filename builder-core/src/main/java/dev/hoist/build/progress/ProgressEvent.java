package dev.hoist.build.progress;

import java.time.Duration;
import java.time.Instant;

/**
 * What a build reports as it goes. Steps are numbered per build ({@code id}); a stage is named by
 * its name or index and the platform it builds for.
 */
public sealed interface ProgressEvent {
  Instant time();

  record StageStarted(Instant time, String stage, String platform) implements ProgressEvent {}

  record StageFinished(Instant time, String stage, String platform) implements ProgressEvent {}

  /** A step began: {@code n} of {@code total} in its stage, {@code text} as written in the Dockerfile. */
  record StepStarted(Instant time, int id, String stage, String platform, int n, int total, String text)
      implements ProgressEvent {}

  record StepFinished(Instant time, int id, boolean cached, Duration duration) implements ProgressEvent {}

  record StepFailed(Instant time, int id, String error) implements ProgressEvent {}

  /** A free-form line (pulling a base, writing an output). */
  record Info(Instant time, String message) implements ProgressEvent {}

  record BuildFinished(Instant time, String digest, Duration duration) implements ProgressEvent {}
}
