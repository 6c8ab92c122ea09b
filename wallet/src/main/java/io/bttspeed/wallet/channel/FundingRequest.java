package io.bttspeed.wallet.channel;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A request that moves the payer's money into a channel (OpenChannel or TopUpChannel) under the
 * caller's idempotency key; {@link #contentHash} tells a retry apart from a different request under
 * the same key.
 */
record FundingRequest(
    ChannelRequestStore.Kind kind, WalletId walletId, String idempotencyKey, String content) {

  private static final int MAX_KEY = 128;

  FundingRequest {
    if (idempotencyKey == null || idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY) {
      throw new InvalidArgumentException("idempotency_key must be 1 to " + MAX_KEY + " characters");
    }
  }

  static FundingRequest open(
      WalletId walletId, TronAddress payee, Amount deposit, Instant expiresAt, String key) {
    return new FundingRequest(
        ChannelRequestStore.Kind.OPEN,
        walletId,
        key,
        String.join(
            "\n",
            payee.base58(),
            deposit.asset().key(),
            deposit.units().toString(),
            Long.toString(expiresAt.getEpochSecond())));
  }

  static FundingRequest topUp(WalletId walletId, ChannelId id, BigInteger amount, String key) {
    return new FundingRequest(
        ChannelRequestStore.Kind.TOP_UP, walletId, key, id.hex() + "\n" + amount);
  }

  String contentHash() {
    String canonical = String.join("\n", kind.name(), walletId.toString(), content);
    return HexFormat.of().formatHex(Sha256.hash(canonical.getBytes(StandardCharsets.UTF_8)));
  }
}
