/**
 * The parts of the RUN step ({@link dev.hoist.build.step.RunExecutor}): how a build runs commands
 * ({@link dev.hoist.build.step.run.RunSettings}, {@link dev.hoist.build.step.run.RunEngine}), the
 * argv of a RUN ({@link dev.hoist.build.step.run.RunCommandLine}), its {@code --mount}s and their
 * share of the cache key ({@link dev.hoist.build.step.run.RunMounts}, {@link
 * dev.hoist.build.step.run.TreeDigest}), the context as {@code .dockerignore} leaves it for a bind
 * ({@link dev.hoist.build.step.run.ContextView}), and the layer of what it changed ({@link
 * dev.hoist.build.step.run.DiffLayer}).
 */
package dev.hoist.build.step.run;
