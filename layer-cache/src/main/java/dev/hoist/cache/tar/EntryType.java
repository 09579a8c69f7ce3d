package dev.hoist.cache.tar;

/** The kinds of tar entries hoist reads and writes, with their ustar type flags. */
public enum EntryType {
  FILE('0'),
  HARDLINK('1'),
  SYMLINK('2'),
  CHAR_DEVICE('3'),
  BLOCK_DEVICE('4'),
  DIRECTORY('5'),
  FIFO('6');

  private final char flag;

  EntryType(char flag) {
    this.flag = flag;
  }

  /** The ustar type flag byte. */
  public char flag() {
    return flag;
  }

  /** Whether entries of this type carry content bytes in the archive. */
  public boolean hasContent() {
    return this == FILE;
  }
}
