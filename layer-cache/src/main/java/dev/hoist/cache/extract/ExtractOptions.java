package dev.hoist.cache.extract;

/** How to extract a layer: whiteouts applied or kept, ownership preserved or not. */
public record ExtractOptions(WhiteoutMode whiteouts, OwnershipMode ownership) {
  /** Whiteouts applied, ownership preserved when root. */
  public static ExtractOptions defaults() {
    return new ExtractOptions(WhiteoutMode.APPLY, OwnershipMode.forCurrentUser());
  }

  public ExtractOptions withWhiteouts(WhiteoutMode w) {
    return new ExtractOptions(w, ownership);
  }

  public ExtractOptions withOwnership(OwnershipMode o) {
    return new ExtractOptions(whiteouts, o);
  }
}
