package crm.bulkimport.filestore;

import crm.bulkimport.batch.BatchFinished;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Uploaded files, kept in PostgreSQL in 1 MiB chunks: reachable from every instance, never held
 * whole in memory on the way in or out, and gone with their batch.
 */
@Repository
public class StoredFiles {

  static final int CHUNK_BYTES = 1 << 20;

  private final JdbcTemplate jdbc;
  private final DataSource dataSource;

  StoredFiles(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** What was stored. */
  public record Stored(long size, String sha256) {}

  /** Stores the stream as the batch's file, in the caller's transaction. */
  public Stored store(UUID batchId, InputStream content) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
    long size = 0;
    int seq = 0;
    try (InputStream in = new DigestInputStream(content, sha256)) {
      byte[] chunk = new byte[CHUNK_BYTES];
      int filled;
      while ((filled = in.readNBytes(chunk, 0, CHUNK_BYTES)) > 0) {
        byte[] data = filled == CHUNK_BYTES ? chunk : Arrays.copyOf(chunk, filled);
        jdbc.update(
            "insert into bulk_import_files (batch_id, seq, data) values (?, ?, ?)",
            batchId,
            seq++,
            data);
        size += filled;
      }
    }
    return new Stored(size, HexFormat.of().formatHex(sha256.digest()));
  }

  /** Removes the batch's file, in the caller's transaction. */
  private void delete(UUID batchId) {
    jdbc.update("delete from bulk_import_files where batch_id = ?", batchId);
  }

  /**
   * A finished batch's file is no longer needed (its error report keeps the rows it cites). Deleted
   * in the transaction that ends the batch: with the ledger rows on success, at once otherwise.
   */
  @EventListener
  void onBatchFinished(BatchFinished finished) {
    delete(finished.batchId());
  }

  /**
   * Opens the batch's file for reading. A thread of its own fetches the chunks, one or two ahead of
   * the reader, on a connection of its own outside any transaction (the import's connection is busy
   * with COPY while it reads): parsing never waits for the database, nor the other way.
   */
  public InputStream open(UUID batchId) throws SQLException {
    return new PrefetchingChunkStream(dataSource.getConnection(), batchId);
  }

  private static final class PrefetchingChunkStream extends InputStream {
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(2);
    private final Thread fetcher;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    PrefetchingChunkStream(Connection connection, UUID batchId) {
      this.fetcher = new Thread(() -> fetchAll(connection, batchId), "stored-file-" + batchId);
      fetcher.setDaemon(true);
      fetcher.start();
    }

    private void fetchAll(Connection connection, UUID batchId) {
      try (connection;
          PreparedStatement select =
              connection.prepareStatement(
                  "select data from bulk_import_files where batch_id = ? and seq = ?")) {
        select.setObject(1, batchId);
        for (int seq = 0; ; seq++) {
          select.setInt(2, seq);
          byte[] data;
          try (ResultSet rs = select.executeQuery()) {
            data = rs.next() ? rs.getBytes(1) : END;
          }
          chunks.put(data);
          if (data == END) {
            return;
          }
        }
      } catch (InterruptedException e) {
        // The reader closed the stream early.
      } catch (SQLException | RuntimeException e) {
        try {
          chunks.put(new IOException("Reading the stored upload failed: " + e.getMessage(), e));
        } catch (InterruptedException closed) {
          // Nobody is reading any more.
        }
      }
    }

    @Override
    public int read() throws IOException {
      if (!ensureData()) {
        return -1;
      }
      return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      if (!ensureData()) {
        return -1;
      }
      int n = Math.min(length, chunk.length - position);
      System.arraycopy(chunk, position, buffer, offset, n);
      position += n;
      return n;
    }

    private boolean ensureData() throws IOException {
      while (position >= chunk.length) {
        if (ended) {
          return false;
        }
        Object next;
        try {
          next = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("Interrupted while reading the stored upload");
        }
        if (next instanceof IOException failure) {
          throw failure;
        }
        chunk = (byte[]) next;
        position = 0;
        ended = chunk == END;
      }
      return true;
    }

    @Override
    public void close() {
      fetcher.interrupt();
    }
  }
}
