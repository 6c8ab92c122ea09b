package io.bttspeed.bridge.accounting;

import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The exact-numerator account of one (torrent, counterparty, asset), DESIGN §5: {@code
 * owedNumerator} = Σ bytes × price per MiB, never rounded; {@code owed} = ⌊owedNumerator / 2^20⌋
 * computed once from it, so rounding never accumulates; {@code paid} = vouchers accepted (seller)
 * or signed (buyer) for it; {@code debt} = owed − paid (negative: prepaid). An owed amount the
 * asset cannot carry is an error, never wrapped or clamped. Immutable.
 */
public record Ledger(
    Asset asset, BigInteger owedNumerator, BigInteger paid, long bytesPaid, long bytesFree) {
  public static final int MIB_SHIFT = 20;

  public Ledger {
    Objects.requireNonNull(asset, "asset");
    if (owedNumerator.signum() < 0 || paid.signum() < 0 || bytesPaid < 0 || bytesFree < 0) {
      throw new IllegalArgumentException("a ledger never goes negative");
    }
    if (owedNumerator.shiftRight(MIB_SHIFT).compareTo(asset.maxUnits()) > 0
        || paid.compareTo(asset.maxUnits()) > 0) {
      throw new ArithmeticException("owed or paid exceeds the largest " + asset.key() + " amount");
    }
  }

  public static Ledger empty(Asset asset) {
    return new Ledger(asset, BigInteger.ZERO, BigInteger.ZERO, 0, 0);
  }

  /**
   * {@code bytes} more piece payload: paid at {@code pricePerMib} when {@code paidSlot}, free
   * otherwise.
   *
   * @throws ArithmeticException when a byte counter or the owed amount would overflow
   */
  public Ledger withBytes(long bytes, boolean paidSlot, BigInteger pricePerMib) {
    if (bytes < 0 || pricePerMib.signum() < 0) {
      throw new IllegalArgumentException("bytes and price cannot be negative");
    }
    if (!paidSlot) {
      return new Ledger(asset, owedNumerator, paid, bytesPaid, Math.addExact(bytesFree, bytes));
    }
    return new Ledger(
        asset,
        owedNumerator.add(BigInteger.valueOf(bytes).multiply(pricePerMib)),
        paid,
        Math.addExact(bytesPaid, bytes),
        bytesFree);
  }

  /** Adds an exact numerator already computed (a verified piece's paid blocks). */
  public Ledger withNumerator(BigInteger numerator, long paidBytes, long freeBytes) {
    return new Ledger(
        asset,
        owedNumerator.add(numerator),
        paid,
        Math.addExact(bytesPaid, paidBytes),
        Math.addExact(bytesFree, freeBytes));
  }

  public Ledger withPaid(BigInteger more) {
    if (more.signum() < 0) {
      throw new IllegalArgumentException("a payment cannot be negative");
    }
    return new Ledger(asset, owedNumerator, paid.add(more), bytesPaid, bytesFree);
  }

  /** ⌊owedNumerator / 2^20⌋. */
  public BigInteger owed() {
    return owedNumerator.shiftRight(MIB_SHIFT);
  }

  public BigInteger debt() {
    return owed().subtract(paid);
  }

  public Amount owedAmount() {
    return new Amount(asset, owed());
  }

  public Amount paidAmount() {
    return new Amount(asset, paid);
  }
}
