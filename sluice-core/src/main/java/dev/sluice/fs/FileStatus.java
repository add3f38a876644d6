package dev.sluice.fs;


/**
 * What a {@link FileSystem} knows about one entry of a folder: its full path (with scheme where the
 * file system has one), whether it is a folder, its length in bytes and its modification time in
 * epoch milliseconds ({@code -1} when a listing did not fetch them; {@link FileSystem#stat} does).
 */
public record FileStatus(String path, boolean isDirectory, long length, long modificationTime) {
  /** The last path segment. */
  public String name() {
    return FilePaths.name(path);
  }

  public boolean hasDetails() {
    return length >= 0 && modificationTime >= 0;
  }
}
