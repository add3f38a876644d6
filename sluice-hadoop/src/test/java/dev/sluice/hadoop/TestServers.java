package dev.sluice.hadoop;

import dev.sluice.api.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real servers the tests of this module run against, started in-process on 127.0.0.1 on first
 * use and shared by every test class of the run (stopped when the run ends): an HDFS
 * MiniDFSCluster and an S3-compatible S3Proxy. A test class asks for them as parameters of its
 * {@code @BeforeAll} method with {@code @ExtendWith(TestServers.class)}; JUnit closes them (they are
 * AutoCloseable values of its root store) when the run ends.
 */
final class TestServers implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestServers.class);
  private static final AtomicInteger FOLDERS = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
    Class<?> t = p.getParameter().getType();
    return t == Hdfs.class || t == S3.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
    ExtensionContext.Store store = ctx.getRoot().getStore(NS);
    Class<?> t = p.getParameter().getType();
    return t == Hdfs.class ? store.getOrComputeIfAbsent(Hdfs.class, k -> new Hdfs(), Hdfs.class)
        : store.getOrComputeIfAbsent(S3.class, k -> new S3(), S3.class);
  }

  /** A fresh folder name, unique in the run. */
  static String unique(String name) {
    return "t" + FOLDERS.incrementAndGet() + "/" + name;
  }

  /** One name node and one data node. */
  static final class Hdfs implements AutoCloseable {
    final MiniDFSCluster cluster;
    final String base;
    private final Path dir;

    Hdfs() {
      try {
        dir = Files.createTempDirectory("sluice-hdfs");
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
      } catch (IOException e) {
        throw new IllegalStateException("MiniDFSCluster did not start", e);
      }
    }

    /** A fresh folder URI, e.g. hdfs://127.0.0.1:port/t3/name. */
    String folder(String name) {
      return base + "/" + unique(name);
    }

    /**
     * A session for the server. Closing a file asks the name node to complete it, which succeeds
     * only once the data node reported the block; when the report is a moment late the client
     * backs off 400 ms by default, which would make every small checkpoint file cost that much.
     */
    Session.Builder session() {
      return Session.builder().config("sluice.sql.shuffle.partitions", "2")
          .config("sluice.hadoop.dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "5");
    }

    @Override
    public void close() throws IOException {
      cluster.shutdown(true);
      deleteRecursively(dir);
    }
  }

  /** S3Proxy over an in-memory blob store, with one bucket named "bucket". */
  static final class S3 implements AutoCloseable {
    final S3Proxy proxy;
    final BlobStoreContext blobs;

    S3() {
      blobs = ContextBuilder.newBuilder(new org.jclouds.blobstore.TransientApiMetadata())
          .credentials("sluice", "sluice-secret").build(BlobStoreContext.class);
      blobs.getBlobStore().createContainerInLocation(null, "bucket");
      proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "sluice", "sluice-secret").build();
      try {
        proxy.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
      } catch (Exception e) {
        throw new IllegalStateException("S3Proxy did not start", e);
      }
    }

    /** A fresh folder URI, e.g. s3a://bucket/t3/name. */
    String folder(String name) {
      return "s3a://bucket/" + unique(name);
    }

    /** A session that reaches the server through s3a:// (settings as sluice.hadoop.* keys). */
    Session.Builder session() {
      return Session.builder().config("sluice.sql.shuffle.partitions", "2")
          .config("sluice.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort())
          .config("sluice.hadoop.fs.s3a.endpoint.region", "us-east-1")
          .config("sluice.hadoop.fs.s3a.path.style.access", "true")
          .config("sluice.hadoop.fs.s3a.connection.ssl.enabled", "false")
          .config("sluice.hadoop.fs.s3a.access.key", "sluice")
          .config("sluice.hadoop.fs.s3a.secret.key", "sluice-secret")
          .config("sluice.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
          .config("sluice.hadoop.fs.s3a.change.detection.mode", "none")
          .config("sluice.hadoop.fs.s3a.attempts.maximum", "2")
          .config("sluice.hadoop.fs.s3a.retry.limit", "2");
    }

    @Override
    public void close() throws Exception {
      proxy.stop();
      blobs.close();
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
