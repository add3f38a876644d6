package dev.sluice.connector;

import dev.sluice.conf.Options;
import dev.sluice.types.StructType;
import java.util.Map;

/**
 * What a provider receives to create a source or sink: the user's options (keys as given, lookups
 * case-insensitive through {@link Options}), the user-specified schema (null if none), the session
 * configuration, and for streaming sources a metadata folder inside the checkpoint
 * ({@code <checkpoint>/sources/<n>}; null when the query has no checkpoint).
 *
 * <p>The metadata folder is a path string on the checkpoint's file system: a local path or a URI
 * such as {@code hdfs://nn/cp/sources/0} or {@code s3a://bucket/cp/sources/0}. Sources read and
 * write it through {@code FileSystems.get(metadataPath, sessionConf)}, writing each file with
 * {@code createAtomically} (whole or not at all, never replaced), which works on every file system.
 */
public record SourceContext(Options options, StructType userSchema, Map<String, String> sessionConf,
    String metadataPath) {}
