package dev.hoist.registry.auth;

/** What hoist proves its identity to a registry with. {@code toString} never shows the secret. */
public sealed interface Credential {
  /** A user name and password (or access token used as one). */
  record Basic(String username, String password) implements Credential {
    @Override
    public String toString() {
      return "Basic[" + username + ", ****]";
    }
  }

  /** An OAuth2 refresh token, as {@code docker login} stores for some registries. */
  record IdentityToken(String token) implements Credential {
    @Override
    public String toString() {
      return "IdentityToken[****]";
    }
  }
}
