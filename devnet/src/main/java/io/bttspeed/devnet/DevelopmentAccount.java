package io.bttspeed.devnet;

/**
 * A prefunded development account. Its key is public knowledge (derived from the devnet's
 * well-known mnemonic), which is why the devnet hands it out; it must never hold anything of value
 * on a real network.
 *
 * @param index the account's index on {@code m/44'/195'/0'/0/i}
 * @param address the base58check address
 * @param privateKeyHex the 32-byte private key, hex
 */
public record DevelopmentAccount(int index, String address, String privateKeyHex) {
  @Override
  public String toString() {
    return "DevelopmentAccount[" + index + ", " + address + "]";
  }
}
