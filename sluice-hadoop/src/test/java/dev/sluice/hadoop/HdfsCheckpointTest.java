package dev.sluice.hadoop;

import dev.sluice.api.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streaming checkpoints on a real HDFS (in-process MiniDFSCluster): checkpointLocation = hdfs://... */
@ExtendWith(TestServers.class)
class HdfsCheckpointTest extends CheckpointContract {
  static TestServers.Hdfs hdfs;

  @BeforeAll
  static void start(TestServers.Hdfs server) {
    hdfs = server;
  }

  @Override
  String folder(String name) {
    return hdfs.folder(name);
  }

  @Override
  Session.Builder session() {
    return hdfs.session();
  }
}
