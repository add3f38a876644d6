package dev.sluice.hadoop;

import dev.sluice.api.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streaming checkpoints on S3 through s3a://, against an in-process S3Proxy. S3 has no atomic
 * rename: checkpoint files are single uploads at their final keys (log entries only after checking
 * the key is free), and RocksDB snapshots are complete once their count file is written.
 */
@ExtendWith(TestServers.class)
class S3CheckpointTest extends CheckpointContract {
  static TestServers.S3 s3;

  @BeforeAll
  static void start(TestServers.S3 server) {
    s3 = server;
  }

  @Override
  String folder(String name) {
    return s3.folder(name);
  }

  @Override
  Session.Builder session() {
    return s3.session();
  }
}
