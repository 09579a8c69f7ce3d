package dev.hoist.registry.listing;

import dev.hoist.oci.HoistException;
import dev.hoist.oci.Json;
import dev.hoist.registry.RegistryException;
import dev.hoist.registry.http.ErrorResponse;
import dev.hoist.registry.http.HttpTransport;
import dev.hoist.registry.http.LinkHeader;
import dev.hoist.registry.http.Request;
import dev.hoist.registry.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a paginated name list (tags or catalog): one JSON page per request, following the
 * {@code Link: <...>; rel="next"} header until there is none.
 */
public final class PagedNames {
  private static final int MAX_PAGE = 16 * 1024 * 1024;

  private PagedNames() {}

  public static List<String> fetch(HttpTransport transport, String repository, String firstPage, String field,
      List<String> scopes, String what) {
    List<String> names = new ArrayList<>();
    Optional<String> next = Optional.of(firstPage);
    int pages = 0;
    while (next.isPresent()) {
      if (++pages > 100_000) {
        throw new RegistryException(transport.registry(), repository, 200, "pagination does not end while " + what);
      }
      byte[] page;
      try (Response r = transport.send(Request.of("GET", next.get(), scopes), repository)) {
        if (r.status() != 200) {
          throw ErrorResponse.of(r, transport.registry(), repository, "while " + what);
        }
        next = LinkHeader.next(r.headers("Link")).map(link -> r.uri().resolve(link).toString());
        page = r.bytes(MAX_PAGE);
      } catch (IOException e) {
        throw transport.networkError(repository, e);
      }
      Object listed;
      try {
        listed = Json.readObject(page, "the answer while " + what).get(field);
      } catch (HoistException e) {
        throw new RegistryException(transport.registry(), repository, 200, e.getMessage());
      }
      if (listed instanceof List<?> list) {
        list.forEach(n -> names.add(Json.text(n, "null")));
      }
    }
    return names;
  }
}
