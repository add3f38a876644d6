package dev.sluice.hadoop;

import dev.sluice.api.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The file connector on a real HDFS: an in-process MiniDFSCluster (one name node, one data node) on 127.0.0.1. */
@ExtendWith(TestServers.class)
class HdfsFileConnectorTest extends FileConnectorContract {
  static TestServers.Hdfs hdfs;
  static Session session;

  @BeforeAll
  static void start(TestServers.Hdfs server) {
    hdfs = server;
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
    return hdfs.folder(name);
  }

  @Override
  Session session() {
    return session;
  }
}
