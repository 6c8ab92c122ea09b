package io.bttspeed.devnet.crypto;

import java.math.BigInteger;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.MnemonicUtils;

/**
 * BIP-39 seed and BIP-32/44 derivation on TRON's path {@code m/44'/195'/0'/0/i}, as TronLink does.
 */
public final class HdKeys {
  private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;

  private HdKeys() {}

  /** The private key at {@code m/44'/195'/0'/0/index} of a mnemonic with an empty passphrase. */
  public static BigInteger tronKey(String mnemonic, int index) {
    Bip32ECKeyPair master =
        Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
    int[] path = {44 | HARDENED, 195 | HARDENED, HARDENED, 0, index};
    return Bip32ECKeyPair.deriveKeyPair(master, path).getPrivateKey();
  }
}
