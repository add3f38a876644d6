package dev.sluice.hadoop;

import dev.sluice.api.Session;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void anAggregationRestartsFromAnHdfsCheckpoint() throws Exception {
    aggregationRestartsFromTheCheckpoint("memory");
  }

  @Test
  void anAggregationWithRocksDbStateRestartsFromAnHdfsCheckpoint() throws Exception {
    aggregationRestartsFromTheCheckpoint("rocksdb");
  }

  @Test
  void rocksDbSnapshotsAreCopiedToHdfs() throws Exception {
    rocksDbSnapshotsAreOnTheServer();
  }

  @Test
  void minBatchesToRetainCleansHdfs() throws Exception {
    oldFilesAreCleanedOnTheServer();
  }

  @Test
  void aGarbledStateFileOnHdfsIsRefused() throws Exception {
    aGarbledStateFileIsRefused();
  }

  @Test
  void aTruncatedOffsetLogEntryOnHdfsIsRefused() throws Exception {
    aTruncatedOffsetLogEntryIsRefused();
  }

  @Test
  void theFileSourceLogIsKeptInAnHdfsCheckpoint() throws Exception {
    fileSourceRemembersItsFilesInTheCheckpoint(hdfs.folder("in"));
  }

  @Test
  void theFileSourceLogOfLocalFilesIsKeptInAnHdfsCheckpoint(@TempDir Path tmp) throws Exception {
    fileSourceRemembersItsFilesInTheCheckpoint(localFolder(tmp, "in"));
  }
}
