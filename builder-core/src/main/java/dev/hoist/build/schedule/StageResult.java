package dev.hoist.build.schedule;

import dev.hoist.build.step.ImageState;

/** What a stage produced: its image and the number of steps that ran (not cached). */
public record StageResult(ImageState state, int stepsRun) {}
