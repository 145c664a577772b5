package crm.bulkimport.ledger;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format. The server then takes uuids, timestamps and numbers as
 * they are instead of parsing their text: the staging COPY costs it markedly less work per row.
 */
final class BinaryCopyRows implements AutoCloseable {

  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };

  /** Microseconds from the Unix epoch to PostgreSQL's, 2000-01-01T00:00:00Z. */
  private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

  private final DataOutputStream out;

  BinaryCopyRows(OutputStream copy) throws IOException {
    this.out = new DataOutputStream(new BufferedOutputStream(copy, 1 << 16));
    out.write(SIGNATURE);
    out.writeInt(0); // flags
    out.writeInt(0); // header extension length
  }

  void startRow(int fields) throws IOException {
    out.writeShort(fields);
  }

  /** SQL null, in any column. */
  void nothing() throws IOException {
    out.writeInt(-1);
  }

  void int4(int value) throws IOException {
    out.writeInt(4);
    out.writeInt(value);
  }

  void bool(boolean value) throws IOException {
    out.writeInt(1);
    out.writeByte(value ? 1 : 0);
  }

  void text(String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  void uuid(UUID value) throws IOException {
    out.writeInt(16);
    out.writeLong(value.getMostSignificantBits());
    out.writeLong(value.getLeastSignificantBits());
  }

  void timestamptz(Instant value) throws IOException {
    out.writeInt(8);
    long micros =
        Math.addExact(
            Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000);
    out.writeLong(micros - POSTGRES_EPOCH_MICROS);
  }

  /**
   * A numeric: base-10000 digits with a weight (the power of 10000 of the first digit), a sign and
   * the display scale, as PostgreSQL's numeric_send writes it.
   */
  void numeric(BigDecimal value) throws IOException {
    int scale = Math.max(value.scale(), 0);
    String plain = value.abs().setScale(scale).toPlainString();
    int dot = plain.indexOf('.');
    String integer = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot + 1);
    // Pad both parts to whole groups of four decimal digits.
    int integerPad = (4 - integer.length() % 4) % 4;
    int fractionPad = (4 - fraction.length() % 4) % 4;
    String digits = "0".repeat(integerPad) + integer + fraction + "0".repeat(fractionPad);
    int groups = digits.length() / 4;
    int integerGroups = (integerPad + integer.length()) / 4;
    short[] base10000 = new short[groups];
    for (int i = 0; i < groups; i++) {
      base10000[i] = Short.parseShort(digits.substring(i * 4, i * 4 + 4));
    }
    int first = 0;
    while (first < groups && base10000[first] == 0) {
      first++;
    }
    int last = groups - 1;
    while (last >= first && base10000[last] == 0) {
      last--;
    }
    int count = last - first + 1;
    int weight = count == 0 ? 0 : integerGroups - 1 - first;
    out.writeInt(8 + 2 * count);
    out.writeShort(count);
    out.writeShort(weight);
    out.writeShort(value.signum() < 0 ? 0x4000 : 0x0000);
    out.writeShort(scale);
    for (int i = first; i <= last; i++) {
      out.writeShort(base10000[i]);
    }
  }

  /** Writes the trailer and ends the COPY. */
  @Override
  public void close() throws IOException {
    out.writeShort(-1);
    out.close();
  }
}
