package dev.hoist.build.step;

import dev.hoist.oci.Digest;
import dev.hoist.oci.HoistException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * ADD's remote files: downloaded (streamed to disk) into a folder, verified against {@code
 * --checksum} when given, named after the last path segment of the URL, mode 0600, mtime from
 * {@code Last-Modified} when the server sends it, as Docker does.
 */
final class UrlSource {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build();

  private UrlSource() {}

  static boolean isUrl(String source) {
    return source.matches("(?i)https?://.+");
  }

  /** The file name ADD gives a URL's content. */
  static String fileName(String url) {
    String path = URI.create(url).getPath();
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    return name.isEmpty() ? "index.html" : name;
  }

  /** Downloads {@code url} into {@code dir}/{@link #fileName}; returns the file and its digest. */
  static Digest download(String url, Path dir, Optional<String> checksum) throws IOException {
    Path target = dir.resolve(fileName(url));
    HttpResponse<InputStream> response;
    try {
      response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + url, e);
    } catch (IOException e) {
      throw new HoistException("cannot fetch " + url + ": " + e.getMessage());
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new HoistException("cannot fetch " + url + ": HTTP " + response.statusCode());
    }
    MessageDigest md = Digest.newSha256();
    try (InputStream in = new DigestInputStream(response.body(), md)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    Digest got = Digest.fromSha256(md);
    if (checksum.isPresent() && !Digest.parse(checksum.get()).equals(got)) {
      throw new HoistException("checksum of " + url + " is " + got + ", not " + checksum.get());
    }
    Files.setAttribute(target, "unix:mode", 0600);
    Optional<String> lastModified = response.headers().firstValue("Last-Modified");
    if (lastModified.isPresent()) {
      try {
        ZonedDateTime t = ZonedDateTime.parse(lastModified.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Files.setLastModifiedTime(target, FileTime.from(t.toInstant()));
      } catch (RuntimeException ignored) {
        // an unparsable Last-Modified leaves the download time
      }
    }
    return got;
  }
}
