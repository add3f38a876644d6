package dev.sluice.hadoop;

import dev.sluice.api.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file connector on a real HDFS: an in-process MiniDFSCluster (one name node, one data node) on 127.0.0.1. */
class HdfsFileConnectorTest extends FileConnectorContract {
  static MiniDFSCluster cluster;
  static String base;
  static Session session;
  static final AtomicInteger N = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("sluice-hdfs");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    base = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
    if (cluster != null) {
      cluster.shutdown(true);
    }
  }

  @Override
  String folder(String name) {
    return base + "/t" + N.incrementAndGet() + "/" + name;
  }

  @Override
  Session session() {
    return session;
  }

  @Test
  void batch() {
    batchRoundTrips();
  }

  @Test
  void stream(@TempDir Path cp) throws Exception {
    streamFromAndToTheServer(cp.resolve("cp"));
  }

  @Test
  void writeOnce() throws Exception {
    writeOnceEntries();
  }

  @Test
  void replay() {
    replayedSinkBatchAddsNothing();
  }
}
