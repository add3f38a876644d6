package dev.sluice.connector;

/**
 * How much a source may return for one micro-batch, from the source's rate-limit options
 * ({@code maxOffsetsPerTrigger}, {@code maxFilesPerTrigger}, ...). {@link #ALL} means no limit.
 */
public record ReadLimit(long maxRows, long maxFiles, long maxBytes) {
  public static final ReadLimit ALL = new ReadLimit(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

  public static ReadLimit maxRows(long n) {
    return new ReadLimit(n, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  public boolean isAll() {
    return maxRows == Long.MAX_VALUE && maxFiles == Long.MAX_VALUE && maxBytes == Long.MAX_VALUE;
  }
}
