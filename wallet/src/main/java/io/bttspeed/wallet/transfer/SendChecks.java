package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.Echo;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.WalletRecord;
import java.util.Set;

/**
 * Why a send is refused by the wallet itself: what the chain would refuse only after taking the
 * fee, and an idempotency key already used for a different transfer.
 */
final class SendChecks {

  private final Set<Asset> knownAssets;

  SendChecks(Set<Asset> knownAssets) {
    this.knownAssets = Set.copyOf(knownAssets);
  }

  static TransferRecord sameRequestOrFail(TransferRecord existing, SendCommand cmd) {
    if (!existing.requestHash().equals(cmd.contentHash())) {
      throw new AlreadyExistsException(
          "idempotency_key "
              + Echo.quote(cmd.idempotencyKey())
              + " was already used for a different transfer ("
              + existing.transferId()
              + "); choose a new key for a new transfer");
    }
    return existing;
  }

  /**
   * Refuses what the chain would refuse after taking the fee: an unknown asset, a send to oneself.
   */
  void requireSendable(WalletRecord wallet, SendCommand cmd) {
    requireKnown(cmd.amount().asset());
    if (cmd.to().equals(wallet.address())) {
      throw new InvalidArgumentException(
          "'to' is the sending wallet's own address "
              + wallet.address().base58()
              + "; a transfer to oneself moves nothing and burns fees (TRON refuses it for TRX and TRC-10)");
    }
  }

  private void requireKnown(Asset asset) {
    if (!(asset instanceof Asset.Trx) && !knownAssets.contains(asset)) {
      throw new InvalidArgumentException(
          "unknown asset "
              + asset.key()
              + "; this wallet sends TRX and "
              + String.join(", ", knownAssets.stream().map(Asset::key).sorted().toList()));
    }
  }
}
