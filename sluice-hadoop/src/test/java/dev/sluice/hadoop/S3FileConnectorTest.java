package dev.sluice.hadoop;

import dev.sluice.api.Session;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file connector on S3 through s3a://, against an S3-compatible server started in-process on
 * 127.0.0.1 (S3Proxy over an in-memory blob store). S3 has no atomic rename, so the sink and
 * source logs rely on write-once keys (see HadoopFileSystem).
 */
class S3FileConnectorTest extends FileConnectorContract {
  static S3Proxy proxy;
  static BlobStoreContext blobs;
  static Session session;
  static final AtomicInteger N = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    blobs = ContextBuilder.newBuilder(new org.jclouds.blobstore.TransientApiMetadata()).credentials("sluice", "sluice-secret").build(BlobStoreContext.class);
    blobs.getBlobStore().createContainerInLocation(null, "bucket");
    proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "sluice", "sluice-secret").build();
    proxy.start();
    long deadline = System.currentTimeMillis() + 20_000;
    while (!"STARTED".equals(proxy.getState()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2")
        .config("sluice.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort())
        .config("sluice.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .config("sluice.hadoop.fs.s3a.path.style.access", "true")
        .config("sluice.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .config("sluice.hadoop.fs.s3a.access.key", "sluice")
        .config("sluice.hadoop.fs.s3a.secret.key", "sluice-secret")
        .config("sluice.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        .config("sluice.hadoop.fs.s3a.change.detection.mode", "none")
        .config("sluice.hadoop.fs.s3a.attempts.maximum", "2")
        .config("sluice.hadoop.fs.s3a.retry.limit", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stop() throws Exception {
    if (session != null) {
      session.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
    if (blobs != null) {
      blobs.close();
    }
  }

  @Override
  String folder(String name) {
    return "s3a://bucket/t" + N.incrementAndGet() + "/" + name;
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
