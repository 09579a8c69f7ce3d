/**
 * Running stages: the Scheduler runs independent stages at the same time (bounded), StageRunner builds one stage step by step.
 */
package dev.hoist.build.schedule;
