package dev.hoist.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hoist.registry.RegistryException;
import dev.hoist.registry.auth.Authenticator;
import dev.hoist.registry.auth.Challenge;
import dev.hoist.registry.auth.CredentialStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The small JSON documents registries answer: token service replies and error bodies. */
class JsonAnswersTest {
  private final AtomicInteger fetches = new AtomicInteger();

  private Authenticator answering(String body) {
    Exchange http = (method, uri, headers, form) -> {
      fetches.incrementAndGet();
      return new Response(200, Map.of(), new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), uri);
    };
    Authenticator auth = new Authenticator("reg.example", CredentialStore.anonymous(), http, "hoist-test");
    auth.learn(Challenge.parse("Bearer realm=\"https://auth.example/token\",service=\"reg\"").orElseThrow());
    return auth;
  }

  private String token(String body) {
    return answering(body).authorization(List.of("repository:a:pull")).orElseThrow();
  }

  @Test
  void theTokenIsTokenElseAccessTokenAsText() {
    assertThat(token("{\"token\":\"t1\",\"access_token\":\"a1\"}")).isEqualTo("Bearer t1");
    assertThat(token("{\"access_token\":\"a2\"}")).isEqualTo("Bearer a2");
    assertThat(token("{\"token\":null,\"access_token\":\"a3\"}")).isEqualTo("Bearer a3");
    assertThat(token("{\"token\":42}")).isEqualTo("Bearer 42");
    assertThat(token("{\"token\":\"t4\",\"issued_at\":\"2026-12-07T14:00:00Z\",\"extra\":[1,{}]} ")).isEqualTo("Bearer t4");
  }

  @Test
  void anyExpiresInKeepsTheTokenForAMinuteAtLeast() {
    for (String expires : new String[] {"\"3600\"", "\"soon\"", "1.5e3", "true", "null", "{}", "-5"}) {
      Authenticator auth = answering("{\"token\":\"t\",\"expires_in\":" + expires + "}");
      fetches.set(0);
      assertThat(auth.authorization(List.of("repository:a:pull"))).contains("Bearer t");
      assertThat(auth.authorization(List.of("repository:a:pull"))).contains("Bearer t");
      assertThat(fetches).as(expires).hasValue(1);
    }
  }

  @Test
  void answersWithoutATokenOrJsonAreOneLineErrorsWithoutTheBody() {
    for (String body : new String[] {"{}", "{\"token\":\"\",\"access_token\":\"a\"}", "{\"token\":{}}", "[\"t\"]",
        "\"t\"", "null", ""}) {
      assertThatThrownBy(() -> token(body)).as(body).isInstanceOf(RegistryException.class)
          .hasMessage("registry reg.example: token service answered without a token");
    }
    assertThatThrownBy(() -> token("{\"token\":\"secret-part\""))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry reg.example: token service answered invalid JSON");
  }

  private static String message(String body) {
    return ErrorResponse.message(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void errorBodiesGiveTheFirstMessageElseItsCode() {
    assertThat(message("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\\nmore\","
        + "\"detail\":{\"Tag\":\"v9\"}},{\"message\":\"second\"}]}")).isEqualTo("manifest unknown");
    assertThat(message("{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"\"}]}")).isEqualTo("name unknown");
    assertThat(message("{\"errors\":[{\"code\":\"DENIED\",\"message\":null}]}")).isEqualTo("denied");
    assertThat(message("{\"errors\":[{\"message\":404}]}")).isEqualTo("404");
  }

  @Test
  void errorBodiesWithoutAUsableErrorGiveNothing() {
    for (String body : new String[] {"{\"errors\":{\"message\":\"m\"}}", "{\"errors\":\"m\"}", "{\"errors\":[]}",
        "{\"errors\":[\"m\"]}", "{\"errors\":[null]}", "{\"errors\":[{}]}", "{\"message\":\"m\"}", "{\"errors\":[",
        "[{\"errors\":[]}]", "", "not json"}) {
      assertThat(message(body)).as(body).isEmpty();
    }
  }
}
