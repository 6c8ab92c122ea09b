package io.bttspeed.wallet.store;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.id.WalletId;

/** A stored wallet; {@code keystoreJson} is the key encrypted under the master passphrase. */
public record WalletRecord(
    WalletId walletId,
    String principalId,
    String label,
    TronAddress address,
    WalletOrigin origin,
    int derivationIndex,
    String keystoreJson,
    long createdAtMs) {

  @Override
  public String toString() {
    return "WalletRecord[" + walletId + ", " + address + "]";
  }
}
