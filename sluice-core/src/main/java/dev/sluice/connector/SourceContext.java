package dev.sluice.connector;

import dev.sluice.types.StructType;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider receives to create a source or sink: the user's options (keys as given, lookups
 * case-insensitive through {@link Options}), the user-specified schema (null if none), the session
 * configuration, and for streaming sources a metadata directory inside the checkpoint (null when
 * the query has no checkpoint).
 */
public record SourceContext(Options options, StructType userSchema, Map<String, String> sessionConf,
    Path metadataPath) {}
