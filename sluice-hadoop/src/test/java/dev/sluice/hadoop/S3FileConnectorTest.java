package dev.sluice.hadoop;

import dev.sluice.api.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The file connector on S3 through s3a://, against an S3-compatible server started in-process on
 * 127.0.0.1 (S3Proxy over an in-memory blob store). S3 has no atomic rename, so the sink and
 * source logs rely on write-once keys (see HadoopFileSystem).
 */
@ExtendWith(TestServers.class)
class S3FileConnectorTest extends FileConnectorContract {
  static TestServers.S3 s3;
  static Session session;

  @BeforeAll
  static void start(TestServers.S3 server) {
    s3 = server;
    session = server.session().getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
  }

  @Override
  String folder(String name) {
    return s3.folder(name);
  }

  @Override
  Session session() {
    return session;
  }
}
