package io.bttspeed.devnet.tvm;

/**
 * A value-moving or code-running step inside a transaction, as java-tron records it in
 * TransactionInfo.
 *
 * @param nonce position in the transaction's sequence of internal transactions (1-based)
 * @param caller the account that made the call, creation or self-destruct
 * @param transferTo the callee, the new contract, or the self-destruct beneficiary
 * @param callValueSun TRX moved
 * @param tokenId TRC-10 token id moved (0 for none)
 * @param tokenValue TRC-10 units moved
 * @param data call data or init code
 * @param note what happened
 * @param rejected the frame (or an enclosing one) reverted or halted, so the step had no effect
 */
public record InternalTransaction(
    long nonce,
    Address caller,
    Address transferTo,
    long callValueSun,
    long tokenId,
    long tokenValue,
    byte[] data,
    Note note,
    boolean rejected) {

  public InternalTransaction {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The {@code note} strings of java-tron's InternalTransaction. */
  public enum Note {
    CALL("call"),
    CREATE("create"),
    SUICIDE("suicide");

    private final String wireName;

    Note(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }
}
