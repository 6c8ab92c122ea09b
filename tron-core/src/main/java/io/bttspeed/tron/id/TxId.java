package io.bttspeed.tron.id;

/**
 * A TRON transaction's id: sha256 of its raw data. Its canonical form, the one TRON's explorers and
 * nodes print and the one stored, is 64 lowercase hex digits without {@code 0x} ({@link #hex},
 * {@link #toString}).
 */
public final class TxId extends Bytes32 {
  public static final int LENGTH = Bytes32.LENGTH;

  private TxId(byte[] bytes) {
    super(bytes, "transaction id");
  }

  /**
   * @throws io.bttspeed.tron.MalformedValueException unless exactly 32 bytes
   */
  public static TxId of(byte[] bytes) {
    return new TxId(bytes);
  }

  /**
   * Parses 64 hex digits, either case, with or without {@code 0x}; the id keeps only the canonical
   * form.
   *
   * @throws io.bttspeed.tron.MalformedValueException for anything else
   */
  public static TxId parse(String hex) {
    return new TxId(parseHex(hex, "transaction id"));
  }

  @Override
  public String toString() {
    return hex();
  }
}
