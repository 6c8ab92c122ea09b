package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A validated Send request: the wallet, recipient, amount with its asset, key, optional fee limit,
 * memo.
 */
public record SendCommand(
    WalletId walletId,
    TronAddress to,
    Amount amount,
    String idempotencyKey,
    Optional<Long> feeLimitSun,
    String memo) {

  private static final int MAX_KEY = 128;
  private static final int MAX_MEMO_BYTES = 200;

  public SendCommand {
    if (idempotencyKey == null || idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY) {
      throw new InvalidArgumentException("idempotency_key must be 1 to " + MAX_KEY + " characters");
    }
    if (memo.getBytes(StandardCharsets.UTF_8).length > MAX_MEMO_BYTES) {
      throw new InvalidArgumentException("memo must be at most " + MAX_MEMO_BYTES + " UTF-8 bytes");
    }
    feeLimitSun.ifPresent(
        f -> {
          if (f <= 0) {
            throw new InvalidArgumentException("fee_limit_sun must be positive when given");
          }
        });
  }

  /**
   * Identifies the request's content, so a retry is told apart from a different send under the same
   * key.
   */
  public String contentHash() {
    String canonical =
        String.join(
            "\n",
            walletId.toString(),
            to.base58(),
            amount.asset().key(),
            amount.units().toString(),
            feeLimitSun.map(String::valueOf).orElse(""),
            memo);
    return HexFormat.of().formatHex(Sha256.hash(canonical.getBytes(StandardCharsets.UTF_8)));
  }
}
