package dev.hoist.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to an image, parsed with Docker's grammar: {@code [registry[:port]/]repository[:tag][@digest]}.
 * A name without a registry is on Docker Hub ({@code docker.io}), and a one-part Docker Hub name is
 * in {@code library/}. A reference without tag or digest means {@code :latest}.
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");

  public ImageReference {
    tag = tag == null ? Optional.empty() : tag;
    digest = digest == null ? Optional.empty() : digest;
  }

  /** Parses a reference, or throws a {@link HoistException} that says what is wrong with it. */
  public static ImageReference parse(String text) {
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    String rest = text;
    Optional<Digest> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String d = rest.substring(at + 1);
      if (!Digest.isDigest(d)) {
        throw invalid(text, "'" + d + "' is not a digest (want sha256:<64 hex digits>)");
      }
      digest = Optional.of(Digest.parse(d));
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      String t = rest.substring(colon + 1);
      if (!TAG.matcher(t).matches()) {
        throw invalid(text, "'" + t + "' is not a valid tag (letters, digits, '_', '.', '-', at most 128)");
      }
      tag = Optional.of(t);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
        if (!DOMAIN.matcher(first).matches()) {
          throw invalid(text, "'" + first + "' is not a valid registry host");
        }
        registry = first;
        repository = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (!repository.equals(repository.toLowerCase())) {
      throw invalid(text, "repository name must be lowercase");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw invalid(text, "'" + repository + "' is not a valid repository name");
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (registry.length() + 1 + repository.length() > 255) {
      throw invalid(text, "the name is longer than 255 characters");
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  private static HoistException invalid(String text, String why) {
    return new HoistException("invalid image reference \"" + text + "\": " + why);
  }

  /** The tag, or {@code latest} when the reference names neither tag nor digest. */
  public String tagOrLatest() {
    return tag.orElse("latest");
  }

  /** What the registry API takes after {@code /manifests/}: the digest if there is one, else the tag. */
  public String manifestReference() {
    return digest.map(Digest::toString).orElseGet(this::tagOrLatest);
  }

  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, Optional.of(newTag), Optional.empty());
  }

  public ImageReference withDigest(Digest newDigest) {
    return new ImageReference(registry, repository, Optional.empty(), Optional.of(newDigest));
  }

  /** The same repository with nothing after the name. */
  public ImageReference repositoryOnly() {
    return new ImageReference(registry, repository, Optional.empty(), Optional.empty());
  }

  /** The host the registry API lives on ({@code registry-1.docker.io} for Docker Hub). */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
  }

  /** {@code registry/repository}, as Docker prints a full name. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The full reference, tag {@code latest} made explicit when neither tag nor digest was given. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name());
    if (tag.isPresent() || digest.isEmpty()) {
      sb.append(':').append(tagOrLatest());
    }
    digest.ifPresent(d -> sb.append('@').append(d));
    return sb.toString();
  }

  /** The shortest familiar form: {@code busybox:1.36} for Docker Hub's library images. */
  public String familiar() {
    String name = registry.equals(DOCKER_HUB)
        ? (repository.startsWith("library/") ? repository.substring(8) : repository)
        : name();
    StringBuilder sb = new StringBuilder(name);
    if (tag.isPresent() || digest.isEmpty()) {
      sb.append(':').append(tagOrLatest());
    }
    digest.ifPresent(d -> sb.append('@').append(d));
    return sb.toString();
  }
}
