package dev.hoist.dockerfile.stage;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.expand.EnvLookup;
import dev.hoist.dockerfile.instruction.ArgInstruction;
import dev.hoist.dockerfile.instruction.InstructionExpander;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BuildArgsTest {

    private static final Dockerfile DF = DockerfileParser.parse("Dockerfile", String.join("\n",
            "ARG VERSION=1.0",
            "ARG BASE=alpine:${VERSION}",
            "ARG NODEFAULT",
            "FROM ${BASE}",
            "ARG VERSION",
            "ARG LOCAL=x-${VERSION}",
            "ARG TARGETARCH",
            "ARG OVERRIDE=dflt",
            ""));
    private static final PlatformArgs ARM = new PlatformArgs("linux/arm/v7", "linux/amd64");

    private static StageArgs walk(BuildArgs args) {
        StageArgs scope = args.stageScope(DF);
        InstructionExpander ex = new InstructionExpander("Dockerfile", '\\');
        DF.lastStage().instructions().forEach(i ->
                scope.declare((ArgInstruction) ex.expand(i, scope.environment(EnvLookup.empty())).instruction()));
        return scope;
    }

    @Test
    void globalScopeForFromLines() {
        BuildArgs none = new BuildArgs(Map.of(), ARM);
        Map<String, String> global = none.globalValues(DF);
        assertThat(global).containsEntry("BASE", "alpine:1.0").containsEntry("TARGETARCH", "arm")
                .containsEntry("TARGETVARIANT", "v7").containsEntry("BUILDOS", "linux").doesNotContainKey("NODEFAULT");
        Map<String, String> overridden = new BuildArgs(Map.of("VERSION", "2.0"), ARM).globalValues(DF);
        assertThat(overridden).containsEntry("BASE", "alpine:2.0");
    }

    @Test
    void stageSeesOnlyRedeclaredGlobals() {
        StageArgs scope = walk(new BuildArgs(Map.of("OVERRIDE", "cli", "HTTP_PROXY", "http://proxy:3128"), ARM));
        assertThat(scope.values()).containsEntry("VERSION", "1.0").containsEntry("LOCAL", "x-1.0")
                .containsEntry("TARGETARCH", "arm").containsEntry("OVERRIDE", "cli").doesNotContainKey("BASE");
        assertThat(scope.isDeclared("BASE")).isFalse();
        assertThat(scope.runEnvironment()).containsEntry("HTTP_PROXY", "http://proxy:3128");
        assertThat(scope.environment(EnvLookup.of(Map.of("VERSION", "env-wins"))).lookup("VERSION")).contains("env-wins");
    }

    @Test
    void unusedBuildArgs() {
        BuildArgs args = new BuildArgs(Map.of("VERSION", "3", "TYPO", "x", "no_proxy", "y"), ARM);
        assertThat(args.unused(DF)).containsExactly("TYPO");
    }

    @Test
    void platformValues() {
        assertThat(new PlatformArgs("linux/amd64", "linux/arm64").values()).containsEntry("TARGETVARIANT", "")
                .containsEntry("BUILDARCH", "arm64").containsEntry("TARGETPLATFORM", "linux/amd64");
        assertThat(PlatformArgs.host().target()).startsWith("linux/");
    }
}
