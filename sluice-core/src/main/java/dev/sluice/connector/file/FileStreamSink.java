package dev.sluice.connector.file;

import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each micro-batch as new files in the output folder and commits them in the folder's
 * {@link FileSinkLog}: exactly once, because a replayed batch whose entry exists writes nothing, and
 * data files of a batch that crashed before its entry are never listed. Append mode only.
 */
final class FileStreamSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(FileStreamSink.class);

  private final FileTable table;
  private final FileWriteJob job;
  private final FileSinkLog log;

  FileStreamSink(FileTable table, FileWriteJob job) {
    this.table = table;
    this.job = job;
    this.log = new FileSinkLog(table.fs(), table.root());
    try {
      log.create();
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, e, table.root(), "cannot create the sink log folder "
          + log.dir() + ": " + e);
    }
  }

  @Override
  public void addBatch(long batchId, SinkBatch data) {
    try {
      long latest = log.latestBatchId();
      if (batchId <= latest) {
        LOG.info("Skipping batch {} for {}: it was committed already (latest committed batch {})", batchId,
            table.root(), latest);
        return;
      }
      if (latest < batchId - 1) {
        // Every batch commits an entry, empty or not: a gap means committed batches are no longer listed.
        throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, log.dir(), "the query is at batch " + batchId
            + " but the file sink log " + (latest < 0 ? "has no entries" : "ends at batch " + latest) + ", so readers"
            + " would no longer see the rows of batches " + (latest + 1) + " to " + (batchId - 1) + " (the folder was "
            + "deleted, or the query wrote to another path before); restore " + FileSinkLog.DIR + ", or write to a new"
            + " path with a new checkpointLocation");
      }
      List<FileWriteJob.Written> written = job.write(data, table.root(), false);
      List<FileSinkLog.SinkFile> files = new ArrayList<>();
      for (FileWriteJob.Written w : written) {
        files.add(new FileSinkLog.SinkFile(w.relativePath(), w.size(), w.modificationTime()));
      }
      if (!log.commit(batchId, files)) {
        LOG.warn("Batch {} of {} was committed by another writer meanwhile; its files from this run are not listed",
            batchId, table.root());
      }
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, e, table.root(), e.toString());
    }
  }

  @Override
  public String description() {
    return "FileSink[" + table.root() + "]";
  }
}
