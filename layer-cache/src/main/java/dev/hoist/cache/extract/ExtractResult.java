package dev.hoist.cache.extract;

import java.util.List;

/**
 * What an extraction did: entries applied, what it had to leave out (e.g. devices when not root),
 * and, with {@link OwnershipMode#RECORD}, the files whose entries name an owner other than 0:0 (in
 * the order their metadata was set; empty otherwise).
 */
public record ExtractResult(long entries, List<String> warnings, List<EntryOwner> owners) {
  public ExtractResult {
    warnings = List.copyOf(warnings);
    owners = List.copyOf(owners);
  }
}
