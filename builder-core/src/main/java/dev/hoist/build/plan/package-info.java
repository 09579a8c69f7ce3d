/**
 * BuildPlan: the parsed Dockerfile, build args with the platform ARGs, the target stage and the stages it needs, for one platform.
 */
package dev.hoist.build.plan;
