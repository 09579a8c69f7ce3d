package dev.hoist.registry.http;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import dev.hoist.registry.RegistryException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an unexpected status into a {@link RegistryException}: the registry's own error message
 * (from the distribution spec's {@code errors} document) when it sent one, the status otherwise.
 */
public final class ErrorResponse {
  private ErrorResponse() {}

  /**
   * The exception for {@code response}; {@code context} ends the message, e.g. {@code for tag v9}
   * (may be empty). Consumes the body.
   */
  public static RegistryException of(Response response, String registry, String repository, String context) {
    String message = "";
    try {
      byte[] body = response.bytes(64 * 1024);
      message = message(body);
    } catch (IOException e) {
      // the status alone must do
    }
    int s = response.status();
    if (message.isEmpty()) {
      message = reason(s);
    }
    return new RegistryException(registry, repository, s,
        message + " (HTTP " + s + ")" + (context.isEmpty() ? "" : " " + context));
  }

  static String message(byte[] body) {
    if (body.length == 0 || body[0] != '{') {
      return "";
    }
    Object errors;
    try {
      errors = Json.readObject(body, "error body").get("errors");
    } catch (HoistException e) {
      return "";
    }
    if (errors instanceof List<?> list && !list.isEmpty()) {
      Map<?, ?> first = list.get(0) instanceof Map<?, ?> map ? map : Map.of();
      String m = Json.text(first.get("message"), "");
      if (m.isEmpty()) {
        m = Json.text(first.get("code"), "").toLowerCase(Locale.ROOT).replace('_', ' ');
      }
      return m.lines().findFirst().orElse("");
    }
    return "";
  }

  /** A short phrase for a status. */
  public static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "authentication required";
      case 403 -> "access denied";
      case 404 -> "not found";
      case 405 -> "operation not supported by this registry";
      case 409 -> "conflict";
      case 412 -> "precondition failed";
      case 413 -> "request too large";
      case 416 -> "requested range not satisfiable";
      case 429 -> "too many requests";
      default -> status >= 500 ? "server error" : "unexpected answer";
    };
  }
}
