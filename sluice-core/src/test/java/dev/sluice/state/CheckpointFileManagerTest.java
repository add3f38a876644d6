package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FileSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file manager on the local disk (sluice-hadoop runs the same operations against
 * HDFS and S3): write-once log entries, replacing state files, streams that publish on close only,
 * listings without temporary files, and a clear error for a scheme no module provides.
 */
class CheckpointFileManagerTest {
  @TempDir
  Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void logEntriesAreWriteOnce() throws Exception {
    CheckpointFileManager files = CheckpointFileManager.forLocation(dir.toString(), Map.of());
    String entry = files.path("offsets", "0");
    assertThat(files.createAtomic(entry, bytes("v1\nfirst\n"))).isTrue();
    assertThat(files.createAtomic(entry, bytes("v1\nsecond\n"))).isFalse();
    assertThat(files.read(entry)).isEqualTo(bytes("v1\nfirst\n"));
    assertThat(files.listNames(files.path("offsets"))).containsExactly("0");
  }

  @Test
  void stateFilesAreReplacedWhole() throws Exception {
    CheckpointFileManager files = CheckpointFileManager.local(dir);
    String delta = files.path("state", "0", "0", "1.delta");
    files.writeAtomic(delta, bytes("run 1"));
    files.writeAtomic(delta, bytes("replayed run"));
    assertThat(files.read(delta)).isEqualTo(bytes("replayed run"));
  }

  @Test
  void aStreamedFileAppearsOnlyWhenClosed() throws Exception {
    CheckpointFileManager files = CheckpointFileManager.local(dir);
    String f = files.path("state", "0", "0", "2.rocksdb", "000012.sst");
    FileSystem.AtomicOutputStream out = files.createAtomicStream(f, true);
    out.write(new byte[200_000]);
    assertThat(files.exists(f)).isFalse();
    assertThat(files.listNames(files.path("state", "0", "0", "2.rocksdb"))).as("temporary file hidden").isEmpty();
    out.close();
    assertThat(files.read(f)).hasSize(200_000);

    String g = files.path("state", "0", "0", "2.rocksdb", "000013.sst");
    FileSystem.AtomicOutputStream cancelled = files.createAtomicStream(g, true);
    cancelled.write(new byte[10]);
    cancelled.cancel();
    assertThat(files.exists(g)).isFalse();
    try (var s = Files.list(dir.resolve("state/0/0/2.rocksdb"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("000012.sst");
    }
  }

  @Test
  void copiesToAndFromTheLocalWorkingDirectory() throws Exception {
    CheckpointFileManager files = CheckpointFileManager.forLocation("file:" + dir.resolve("cp"), Map.of());
    Path local = Files.writeString(dir.resolve("CURRENT"), "MANIFEST-000005\n");
    String remote = files.path("4.rocksdb", "CURRENT");
    files.copyFromLocal(local, remote);
    Path back = dir.resolve("restored");
    files.copyToLocal(remote, back);
    assertThat(Files.readString(back)).isEqualTo("MANIFEST-000005\n");
    assertThat(dir.resolve("cp/4.rocksdb/CURRENT")).exists();
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    CheckpointFileManager files = CheckpointFileManager.local(dir);
    assertThatThrownBy(() -> files.read(files.path("commits", "7"))).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aSchemeWithoutAFileSystemNamesTheModuleToAdd() {
    assertThatThrownBy(() -> CheckpointFileManager.forLocation("s3a://bucket/cp", Map.of()))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("checkpointLocation s3a://bucket/cp")
        .hasMessageContaining("dev.sluice:sluice-hadoop");
  }
}
