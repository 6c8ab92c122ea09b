package io.bttspeed.wallet.store;

/** How a wallet's key came into the service. */
public enum WalletOrigin {
  CREATED,
  MNEMONIC,
  PRIVATE_KEY,
  KEYSTORE
}
