package dev.hoist.dockerfile.lint;

import dev.hoist.dockerfile.Dockerfile;
import dev.hoist.dockerfile.DockerfileParser;
import dev.hoist.dockerfile.DockerfileWarning;
import dev.hoist.dockerfile.ignore.DockerIgnore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinterTest {

    private static List<DockerfileWarning> lint(String text) {
        return Linter.lint(DockerfileParser.parse("Dockerfile", text));
    }

    private static List<String> rules(String text) {
        return lint(text).stream().map(DockerfileWarning::rule).toList();
    }

    @Test
    void cleanFileHasNoWarnings() {
        assertThat(lint("FROM alpine AS build\nENV A=1\nWORKDIR /app\nCMD [\"sh\"]\n")).isEmpty();
    }

    @Test
    void jsonArgsRecommendedWithPosition() {
        List<DockerfileWarning> w = lint("FROM alpine\n\nCMD echo hi\n");
        assertThat(w).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("JSONArgsRecommended");
            assertThat(x.range().startLine()).isEqualTo(3);
            assertThat(x.format("Dockerfile")).isEqualTo("Dockerfile:3:1: JSON arguments recommended for CMD to prevent "
                    + "unintended behavior related to OS signals (JSONArgsRecommended)");
        });
        assertThat(rules("FROM a\nSHELL [\"bash\", \"-c\"]\nENTRYPOINT exec x\n")).isEmpty();
    }

    @Test
    void stageNameAndFromAsCasing() {
        assertThat(rules("FROM alpine AS Build\n")).containsExactly("StageNameCasing");
        assertThat(rules("FROM alpine as build\n")).containsExactly("FromAsCasing");
        assertThat(rules("from alpine AS build\n")).containsExactly("FromAsCasing");
        assertThat(rules("from alpine as build\n")).isEmpty();
    }

    @Test
    void undefinedVariables() {
        List<DockerfileWarning> w = lint("ARG BASE=alpine\nFROM $BASE\nARG NAME\nENV GREETING=hi\n"
                + "WORKDIR /home/$NAME/$GREETNG\nCOPY $PATH /x\nRUN echo $NOT_CHECKED\n");
        assertThat(w).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("UndefinedVar");
            assertThat(x.message()).isEqualTo("Usage of undefined variable '$GREETNG' (did you mean $GREETING?)");
            assertThat(x.range().startLine()).isEqualTo(5);
        });
        assertThat(rules("FROM alpine:$VERSION\n")).containsExactly("UndefinedArgInFrom");
        assertThat(rules("FROM --platform=$BUILDPLATFORM alpine\n")).isEmpty();
    }

    @Test
    void envSeenThroughStageBase() {
        assertThat(rules("FROM alpine AS base\nENV HOME_DIR=/h\nFROM base\nWORKDIR $HOME_DIR\n")).isEmpty();
    }

    @Test
    void secretsAndLegacyFormsAndMaintainer() {
        assertThat(rules("FROM a\nARG GITHUB_TOKEN\nENV DB_PASSWORD=x\nENV KEYBOARD=us\n"))
                .containsExactly("SecretsUsedInArgOrEnv", "SecretsUsedInArgOrEnv");
        assertThat(rules("FROM a\nENV A 1\nLABEL b 2\n")).containsExactly("LegacyKeyValueFormat", "LegacyKeyValueFormat");
        assertThat(rules("FROM a\nMAINTAINER me\n")).containsExactly("MaintainerDeprecated");
    }

    @Test
    void structuralRules() {
        assertThat(rules("FROM a\nCMD [\"a\"]\nCMD [\"b\"]\n")).containsExactly("MultipleInstructionsDisallowed");
        assertThat(rules("FROM a\nWORKDIR app\n")).containsExactly("WorkdirRelativePath");
        assertThat(rules("FROM a\nWORKDIR /srv\nWORKDIR app\n")).isEmpty();
        assertThat(rules("FROM --platform=$TARGETPLATFORM a\n")).containsExactly("RedundantTargetPlatform");
        assertThat(rules("FROM --platform=linux/amd64 a\n")).containsExactly("FromPlatformFlagConstDisallowed");
        assertThat(rules("FROM a AS scratch\n")).containsExactly("ReservedStageName");
        assertThat(rules("FROM a\nEXPOSE 80/TCP 8080:80\n")).containsExactly("ExposeProtoCasing", "ExposeInvalidFormat");
        assertThat(rules("FROM a\nrun true\nRUN true\nRUN false\n")).containsExactly("ConsistentInstructionCasing");
        assertThat(rules("FROM a\nRUN a \\\n\n  b\n")).containsExactly("NoEmptyContinuation");
    }

    @Test
    void unexpandableWordsAreReportedNotThrown() {
        List<DockerfileWarning> w = lint("FROM a\nENV A='x\nWORKDIR ${B:?required}\n");
        assertThat(w).extracting(DockerfileWarning::rule).containsExactly("InvalidExpansion", "InvalidExpansion");
        assertThat(w.get(1).message()).endsWith("B: required");
    }

    @Test
    void invalidDefaultArgInFrom() {
        assertThat(rules("ARG TAG\nFROM alpine:${TAG}\n")).containsExactly("InvalidDefaultArgInFrom");
        assertThat(rules("ARG TAG=3.20\nFROM alpine:${TAG}\n")).isEmpty();
        assertThat(rules("ARG IMAGE\nFROM $IMAGE\n")).containsExactly("InvalidDefaultArgInFrom");
    }

    @Test
    void copyIgnoredFile() {
        Dockerfile df = DockerfileParser.parse("Dockerfile",
                "FROM a AS b\nCOPY secrets/key.pem ./app /dst/\nCOPY --from=b secrets/key.pem /x\nADD ./build/out.tar /\n");
        List<DockerfileWarning> w = Linter.lint(df, DockerIgnore.of(List.of("secrets", "build/")));
        assertThat(w).extracting(DockerfileWarning::message).containsExactly(
                "Attempting to Copy file \"secrets/key.pem\" that is excluded by .dockerignore",
                "Attempting to Add file \"./build/out.tar\" that is excluded by .dockerignore");
        assertThat(w.get(0).range().startLine()).isEqualTo(2);
    }

    @Test
    void malformedJsonArrays() {
        List<DockerfileWarning> w = lint("FROM a\nRUN [\"echo\", \"hi\"\nCOPY ['a', '/b']\nVOLUME [\"/x\" \"/y\"]\n");
        assertThat(w).extracting(DockerfileWarning::rule).containsExactly("MalformedJSONArray", "MalformedJSONArray",
                "MalformedJSONArray");
        assertThat(w.get(0).message()).isEqualTo("RUN arguments look like a JSON array but the array is not closed with ],"
                + " so they are used as a shell command");
        assertThat(w.get(1).message()).contains("JSON strings need double quotes");
        assertThat(w.get(2).message()).contains("it is not valid JSON");
        assertThat(rules("FROM a\nRUN --network=none [\"ls\"]\nCMD [\"x\"]\n")).isEmpty();
    }

    @Test
    void checkDirectiveSkipsRules() {
        assertThat(rules("# check=skip=JSONArgsRecommended,StageNameCasing\nFROM a AS B\nCMD x\n")).isEmpty();
        assertThat(rules("# check=skip=all\nFROM a AS B\nCMD x\n")).isEmpty();
        assertThat(Linter.warningsAreErrors(DockerfileParser.parse("Dockerfile", "# check=error=true\nFROM a\n"))).isTrue();
        assertThat(CheckDirective.parse("skip=A;error=false").enabled("a")).isFalse();
    }
}
