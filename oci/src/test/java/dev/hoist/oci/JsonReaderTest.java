package dev.hoist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link JsonReader} reads every document to the value Jackson's mapper reads, and so to the same
 * bytes when written back: the OCI spec's fixtures and examples and hand-written edge cases, each
 * read as an index, a manifest and a config and as the parts (descriptor, platform, container
 * config, health check, history, rootfs) inside them. Where the mapper refuses a document, the
 * reader must refuse it too.
 */
class JsonReaderTest {
  private static final String D = "sha256:" + "a".repeat(64);
  private static final String D2 = "sha256:" + "b".repeat(64);

  /** A record type and its reader. */
  private record Kind(Class<?> type, JsonReader.Value<?> reader) {}

  private static final Kind INDEX = new Kind(ImageIndex.class, ImageIndex::read);
  private static final Kind MANIFEST = new Kind(Manifest.class, Manifest::read);
  private static final Kind CONFIG = new Kind(ImageConfig.class, ImageConfig::read);

  /** Where a document is read: a template of the document around it, read as a kind. */
  private record Context(String template, Kind kind) {}

  private static final List<Context> CONTEXTS = List.of(
      new Context("%s", INDEX),
      new Context("%s", MANIFEST),
      new Context("%s", CONFIG),
      new Context("{\"manifests\":[%1$s],\"subject\":%1$s}", INDEX),
      new Context("{\"config\":%1$s,\"layers\":[%1$s]}", MANIFEST),
      new Context("{\"manifests\":[{\"digest\":\"" + D + "\",\"platform\":%s}]}", INDEX),
      new Context("{\"config\":%s}", CONFIG),
      new Context("{\"config\":{\"Healthcheck\":%s}}", CONFIG),
      new Context("{\"history\":[%1$s],\"rootfs\":%1$s}", CONFIG));

  private static final String FULL_DESCRIPTOR = """
      {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":7143,
       "urls":["https://example.com/a"],"annotations":{"b":"2","a":"1"},
       "platform":{"architecture":"arm64","os":"linux","variant":"v8","os.version":"10.0.17763.1040",
         "os.features":["win32k"]},
       "artifactType":"application/x-sig","x-descriptor":{"n":[1]}}
      """.formatted(D);

  private static final String FULL_INDEX = """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","artifactType":"application/x-art",
       "manifests":[%1$s,%1$s],"subject":%1$s,
       "annotations":{"org.opencontainers.image.created":"2024-01-01T00:00:00Z"},
       "x-index":[true,null,1.5]}
      """.formatted(FULL_DESCRIPTOR);

  private static final String FULL_MANIFEST = """
      {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"application/x-art",
       "config":%1$s,"layers":[%1$s,%1$s],"subject":%1$s,
       "annotations":{"com.example.key1":"value1","com.example.key2":"value2"},
       "x-manifest":{"deep":{"deeper":[[],{},""]}}}
      """.formatted(FULL_DESCRIPTOR);

  private static final String FULL_CONFIG = """
      {"created":"2015-10-31T22:22:56.015925234Z","author":"Alyssa P. Hacker <alyspdev@example.com>",
       "architecture":"arm","os":"linux","os.version":"6.1","os.features":["a","b"],"variant":"v7",
       "config":{"User":"alice","ExposedPorts":{"8080/tcp":{},"53/udp":{"x":1}},
         "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","FOO=oci_is_a"],
         "Entrypoint":["/bin/my-app-binary"],"Cmd":["--foreground","--config","/etc/my-app.d/default.cfg"],
         "Volumes":{"/var/job-result-data":{},"/var/log/my-app-logs":{}},"WorkingDir":"/home/alice",
         "Labels":{"com.example.project.git.url":"https://example.com/project.git","b":"c"},
         "StopSignal":"SIGKILL","ArgsEscaped":true,
         "Healthcheck":{"Test":["CMD-SHELL","curl -f http://localhost/"],"Interval":30000000000,
           "Timeout":5000000000,"StartPeriod":1000000000,"StartInterval":2000000000,"Retries":3,"x-h":1},
         "Shell":["/bin/bash","-c"],"OnBuild":["RUN echo hi"],"Hostname":"h","x-cc":{"a":[1,{"b":null}]}},
       "rootfs":{"diff_ids":["%1$s","%2$s"],"type":"layers","x-r":1},
       "history":[{"created":"2015-10-31T22:22:54.690851953Z","created_by":"/bin/sh -c #(nop) ADD file:a3bc1e842b69636f9df5256c49c5374fb4eef1e281fe3f282c65fb853ee171c5 in /",
         "author":"me","comment":"buildkit.dockerfile.v0","empty_layer":true,"x-hist":2}],
       "x-config":"kept"}
      """.formatted(D, D2);

  private static final String UNKNOWN_VALUES = """
      {"ints":[0,-1,2147483647,-2147483648,2147483648,-2147483649,9223372036854775807,-9223372036854775808,
               9223372036854775808,-9223372036854775809,123456789012345678901234567890],
       "floats":[1.5,-0.0,0.0,1E2,1e-7,2.5e+3,1e400,-1e400,0.1,3.141592653589793238462643383279],
       "other":[true,false,null,"","\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/"],
       "nested":{"a":{"b":{"c":[[[]],[{}],{"d":[null]}]}},"e":null},
       "empty":{},"emptyList":[],"null":null,"zzz":1,"AAA":2,"123":3,"":4}
      """;

  private static final String DOCKER_MANIFEST_LIST = """
      {"manifests":[
        {"digest":"%1$s","mediaType":"application/vnd.docker.distribution.manifest.v2+json",
         "platform":{"architecture":"amd64","os":"linux"},"size":528},
        {"digest":"%2$s","mediaType":"application/vnd.docker.distribution.manifest.v2+json",
         "platform":{"architecture":"arm","os":"linux","variant":"v7"},"size":528},
        {"digest":"%1$s","mediaType":"application/vnd.docker.distribution.manifest.v2+json",
         "platform":{"architecture":"amd64","os":"windows","os.version":"10.0.20348.2340",
           "os.features":["win32k"]},"size":1125},
        {"digest":"%2$s","mediaType":"application/vnd.oci.image.manifest.v1+json",
         "platform":{"architecture":"unknown","os":"unknown"},"size":566,
         "annotations":{"vnd.docker.reference.digest":"%1$s","vnd.docker.reference.type":"attestation-manifest"}}],
       "mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","schemaVersion":2}
      """.formatted(D, D2);

  private static final String DOCKER_MANIFEST = """
      {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
       "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":1472,"digest":"%1$s"},
       "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":3408729,"digest":"%2$s"},
         {"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","size":5,"digest":"%1$s",
          "urls":["https://mcr.microsoft.com/v2/windows/blobs/%1$s"]}]}
      """.formatted(D, D2);

  private static final List<String> EDGE_CASES = List.of(
      FULL_DESCRIPTOR, FULL_INDEX, FULL_MANIFEST, FULL_CONFIG, UNKNOWN_VALUES, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST,
      "{}",
      "{\"schemaVersion\":2,\"manifests\":[],\"layers\":[],\"annotations\":{},\"history\":[],\"os.features\":[]}",
      "{\"config\":{\"Env\":[],\"Labels\":{},\"ExposedPorts\":{},\"Volumes\":{},\"Shell\":[],\"OnBuild\":[]}}",
      "{\"config\":{\"Entrypoint\":null,\"Cmd\":[]}}",
      "{\"config\":{\"Entrypoint\":[],\"Cmd\":null}}",
      "{\"config\":{\"Entrypoint\":[\"sh\"]}}",
      "{\"config\":{\"Healthcheck\":{\"Test\":[\"NONE\"]}}}",
      "{\"config\":{\"Healthcheck\":{}}}",
      "{\"config\":{\"Healthcheck\":null}}",
      "{\"mediaType\":null,\"digest\":null,\"size\":null,\"urls\":null,\"annotations\":null,\"platform\":null,"
          + "\"artifactType\":null,\"schemaVersion\":null,\"manifests\":null,\"subject\":null,\"config\":null,"
          + "\"layers\":null,\"created\":null,\"author\":null,\"architecture\":null,\"os\":null,\"os.version\":null,"
          + "\"os.features\":null,\"variant\":null,\"rootfs\":null,\"history\":null}",
      "{\"User\":null,\"ExposedPorts\":null,\"Env\":null,\"Entrypoint\":null,\"Cmd\":null,\"Volumes\":null,"
          + "\"WorkingDir\":null,\"Labels\":null,\"StopSignal\":null,\"ArgsEscaped\":null,\"Healthcheck\":null,"
          + "\"Shell\":null,\"OnBuild\":null,\"Test\":null,\"Interval\":null,\"Retries\":null,\"type\":null,"
          + "\"diff_ids\":null,\"created_by\":null,\"comment\":null,\"empty_layer\":null}",
      "{\"config\":{\"ExposedPorts\":{\"80/tcp\":null,\"81/tcp\":{\"a\":[1,2.5]}},\"Labels\":{\"a\":null}}}",
      "{\"schemaVersion\":\"2\",\"size\":\" 12 \",\"Retries\":2.9,\"Interval\":1e3,\"mediaType\":5,\"os\":true,"
          + "\"architecture\":1.50,\"created\":-0,\"Env\":[1,false],\"Labels\":{\"n\":1e5}}",
      "{\"schemaVersion\":\"\",\"size\":\"\",\"Retries\":\"\"}",
      "{\"ArgsEscaped\":1,\"empty_layer\":0}",
      "{\"ArgsEscaped\":\"True\",\"empty_layer\":\"FALSE\"}",
      "{\"ArgsEscaped\":\"\",\"empty_layer\":\"true\"}",
      "{\"ArgsEscaped\":12345678901234567890}",
      "{\"size\":\"null\",\"schemaVersion\":\" null \",\"Retries\":\"null\",\"ArgsEscaped\":\"null\",\"empty_layer\":\"null\"}",
      "{\"ArgsEscaped\":-0,\"empty_layer\":-1}",
      "{\"mediaType\":\"a\",\"mediaType\":\"b\",\"schemaVersion\":1,\"schemaVersion\":2,\"annotations\":{\"k\":\"1\","
          + "\"k\":\"2\"},\"x\":1,\"x\":2,\"y\":null,\"y\":3,\"z\":{\"a\":1,\"a\":2},\"config\":{\"Cmd\":[\"a\"],"
          + "\"Cmd\":[\"b\"],\"q\":1,\"q\":2}}",
      "{\"a\":1} trailing garbage",
      "{\"a\":1}{",
      "  \n\t{\"a\" : [ 1 , 2 ] }\n");

  /**
   * Documents the mapper refuses in at least one of the contexts (a field that is wrong in a
   * descriptor may be an unknown field of an index); each context is compared on its own.
   */
  private static final List<String> WRONG_SOMEWHERE = List.of(
      "", "[]", "\"s\"", "1", "{", "{\"a\":1", "{\"a\" 1}", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":'s'}",
      "{\"a\":[1,]}", "{\"a\":tru}", "{\"mediaType\":[]}", "{\"mediaType\":{}}", "{\"schemaVersion\":true}",
      "{\"schemaVersion\":99999999999}", "{\"schemaVersion\":\"two\"}", "{\"size\":\"abc\"}", "{\"size\":false}",
      "{\"size\":1e30}", "{\"size\":\"3.5\"}", "{\"digest\":5}", "{\"digest\":\"sha256:abc\"}",
      "{\"digest\":\"md5:" + "a".repeat(32) + "\"}", "{\"digest\":\"nocolon\"}", "{\"urls\":\"a\"}",
      "{\"urls\":[null]}", "{\"urls\":[[\"a\"]]}", "{\"annotations\":{\"a\":null}}", "{\"annotations\":[]}",
      "{\"annotations\":\"\"}", "{\"annotations\":{\"a\":{}}}", "{\"platform\":{}}", "{\"platform\":\"\"}",
      "{\"platform\":{\"os\":\"linux\"}}", "{\"platform\":{\"architecture\":\"amd64\",\"os\":null}}",
      "{\"manifests\":{}}", "{\"manifests\":[null]}", "{\"manifests\":[1]}", "{\"layers\":[null]}",
      "{\"subject\":[]}", "{\"config\":[]}", "{\"config\":\"x\"}", "{\"config\":\"\"}", "{\"history\":[null]}",
      "{\"history\":\"\"}", "{\"rootfs\":{\"diff_ids\":[null]}}", "{\"rootfs\":{\"diff_ids\":\"" + D + "\"}}",
      "{\"Cmd\":\"a\"}", "{\"Cmd\":[\"a\",null]}", "{\"Entrypoint\":{}}", "{\"ExposedPorts\":{\"80/tcp\":\"x\"}}",
      "{\"ExposedPorts\":{\"80/tcp\":\"\"}}", "{\"ExposedPorts\":[]}", "{\"Labels\":{\"a\":[]}}",
      "{\"ArgsEscaped\":\"abc\"}", "{\"ArgsEscaped\":1.5}", "{\"ArgsEscaped\":[]}", "{\"Healthcheck\":[]}",
      "{\"Retries\":true}", "{\"Test\":\"CMD\"}", "{\"empty_layer\":{}}");

  @TestFactory
  Stream<DynamicTest> readsWhatTheMapperReads() {
    return Stream.concat(EDGE_CASES.stream(), WRONG_SOMEWHERE.stream()).flatMap(doc -> inEveryContext(doc, doc));
  }

  @TestFactory
  Stream<DynamicTest> readsTheSpecFixturesAsTheMapperDoes() throws IOException {
    Path dir = conformance().resolve("oci-image-spec");
    Assumptions.assumeTrue(Files.isDirectory(dir), "no OCI image spec fixtures at " + dir);
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files = all.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> p.getParent().getFileName().toString().matches("manifest|index|config|descriptor|docker-compat")
              || p.getFileName().toString().matches("(manifest|image-index|config|descriptor)-.*"))
          .sorted()
          .toList();
    }
    assertThat(files).hasSizeGreaterThan(60);
    return files.stream().flatMap(f -> inEveryContext(dir.relativize(f).toString(), read(f)));
  }

  private static Path conformance() {
    String dir = System.getProperty("hoist.conformance.dir", System.getenv("HOIST_CONFORMANCE_DIR"));
    return Path.of(dir == null || dir.isBlank() ? "/work/shared/conformance" : dir);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Stream<DynamicTest> inEveryContext(String name, String doc) {
    return CONTEXTS.stream().map(c -> DynamicTest.dynamicTest(
        c.kind().type().getSimpleName() + " " + c.template() + " <- " + name,
        () -> assertSameAsMapper(c.template().formatted(doc), c.kind())));
  }

  private static void assertSameAsMapper(String json, Kind kind) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    Object expected;
    try {
      expected = Json.mapper().readValue(bytes, kind.type());
    } catch (IOException e) {
      assertThatThrownBy(() -> JsonReader.read(bytes, "doc", kind.reader()))
          .as("the mapper refuses %s (%s)", json, e.getMessage().lines().findFirst().orElse(""))
          .isInstanceOf(HoistException.class)
          .hasMessageStartingWith("invalid JSON in doc: ");
      return;
    }
    Object actual = JsonReader.read(bytes, "doc", kind.reader());
    assertThat(actual).as(json).isEqualTo(expected);
    assertThat(new String(Json.write(actual), StandardCharsets.UTF_8)).as(json)
        .isEqualTo(new String(Json.write(expected), StandardCharsets.UTF_8));
  }

  /** The full documents set every field, so a field the reader dropped would fail the comparison. */
  @Test
  void fullDocumentsSetEveryField() throws IOException {
    assertEveryFieldSet(Json.mapper().readValue(FULL_INDEX, ImageIndex.class), "index");
    assertEveryFieldSet(Json.mapper().readValue(FULL_MANIFEST, Manifest.class), "manifest");
    assertEveryFieldSet(Json.mapper().readValue(FULL_CONFIG, ImageConfig.class), "config");
  }

  private static void assertEveryFieldSet(Object value, String path) {
    boolean empty = value == null || value.equals("") || value.equals(0) || value.equals(0L)
        || value.equals(false) || value.equals(Optional.empty())
        || value instanceof Collection<?> c && c.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    if (empty) {
      fail(path + " is not set");
    }
    if (value instanceof Record r) {
      for (RecordComponent component : r.getClass().getRecordComponents()) {
        try {
          assertEveryFieldSet(component.getAccessor().invoke(r), path + "." + component.getName());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    } else if (value instanceof Collection<?> c) {
      c.forEach(v -> assertEveryFieldSet(v, path + "[]"));
    } else if (value instanceof Optional<?> o) {
      assertEveryFieldSet(o.get(), path);
    }
  }

  @Test
  void unknownFieldsKeepTheMappersTypes() {
    ImageConfig config = ImageConfig.parse(UNKNOWN_VALUES.getBytes(StandardCharsets.UTF_8), "config");
    List<Object> ints = new ArrayList<>();
    ((List<?>) config.extra().get("ints")).forEach(i -> ints.add(i.getClass().getSimpleName()));
    assertThat(ints).containsExactly("Integer", "Integer", "Integer", "Integer", "Long", "Long", "Long", "Long",
        "BigInteger", "BigInteger", "BigInteger");
    assertThat((List<?>) config.extra().get("floats")).allMatch(f -> f instanceof Double);
    assertThat(config.extra().get("nested")).isInstanceOf(LinkedHashMap.class);
    assertThat(config.extra()).containsEntry("null", null);
  }

  @Test
  void malformedJsonIsAOneLineHoistException() {
    for (String doc : List.of("", "{", "{\"schemaVersion\":2,", "{\"a\" 1}", "[]", "null", "{\"a\":NaN}")) {
      byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> ImageIndex.parse(bytes, "index.json")).isInstanceOf(HoistException.class)
          .hasMessageStartingWith("invalid JSON in index.json: ").hasMessageNotContaining("\n");
      assertThatThrownBy(() -> Manifest.parse(bytes, "m")).hasMessageStartingWith("invalid JSON in m: ");
      assertThatThrownBy(() -> ImageConfig.parse(bytes, "c")).hasMessageStartingWith("invalid JSON in c: ");
    }
  }

  @Test
  void wrongTypesSayWhereAndWhat() {
    assertThatThrownBy(() -> Manifest.parse(
        ("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + D + "\",\"size\":[]}}").getBytes(), "m"))
        .isInstanceOf(HoistException.class)
        .hasMessage("invalid JSON in m: expected a number, got an array at /config/size");
    assertThatThrownBy(() -> ImageConfig.parse("{\"config\":{\"Cmd\":[\"a\",{}]}}".getBytes(), "c"))
        .hasMessage("invalid JSON in c: expected a string, got an object at /config/Cmd/1");
    assertThatThrownBy(() -> ImageIndex.parse(("{\"manifests\":[{\"digest\":\"sha256:abc\"}]}").getBytes(), "i"))
        .hasMessage("invalid JSON in i: invalid sha256 digest: abc (want 64 lower-case hex digits)"
            + " at /manifests/0/digest");
    assertThatThrownBy(() -> ImageIndex.parse("{\"manifests\":[{\"platform\":{\"os\":\"linux\"}}]}".getBytes(), "i"))
        .hasMessage("invalid JSON in i: a platform needs an os and an architecture at /manifests/0/platform");
  }

  @Test
  void manifestChecksStay() {
    assertThatThrownBy(() -> Manifest.parse("{\"schemaVersion\":2,\"layers\":[]}".getBytes(), "m"))
        .isInstanceOf(HoistException.class).hasMessage("m has no config descriptor");
    assertThatThrownBy(() -> Manifest.parse("{\"schemaVersion\":1}".getBytes(), "m"))
        .hasMessageContaining("schema version 1");
  }

  /**
   * Where the mapper is wrong the reader differs: it keeps an unknown field named {@code extra}
   * (which the mapper takes for the record component and drops), and refuses a document that is
   * {@code null} (which the mapper reads as no value at all).
   */
  @Test
  void differsWhereTheMapperIsWrong() throws IOException {
    byte[] bytes = "{\"schemaVersion\":2,\"extra\":{\"k\":1},\"other\":2}".getBytes(StandardCharsets.UTF_8);
    assertThat(ImageIndex.parse(bytes, "i").extra()).isEqualTo(Map.of("extra", Map.of("k", 1), "other", 2));
    assertThat(Json.mapper().readValue(bytes, ImageIndex.class).extra()).isEqualTo(Map.of("other", 2));
    assertThat(Json.mapper().readValue("null", ImageIndex.class)).isNull();
    assertThatThrownBy(() -> ImageIndex.parse("null".getBytes(), "i"))
        .hasMessage("invalid JSON in i: expected an object, got null");
  }
}
