package io.bttspeed.wallet.keys;

import io.bttspeed.wallet.error.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.MnemonicUtils;

/**
 * A BIP-39 mnemonic (English word list) and TronLink's BIP-44 derivation m/44'/195'/0'/0/i. {@link
 * #toString()} hides the words.
 */
public final class Mnemonic {

  private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;
  private static final int TRON_COIN_TYPE = 195;

  private final String words;

  private Mnemonic(String words) {
    this.words = words;
  }

  /** A fresh 12-word mnemonic from 128 bits of entropy. */
  public static Mnemonic generate(SecureRandom random) {
    byte[] entropy = new byte[16];
    random.nextBytes(entropy);
    return new Mnemonic(MnemonicUtils.generateMnemonic(entropy));
  }

  /** Normalises whitespace and case, then checks the words and the BIP-39 checksum. */
  public static Mnemonic parse(String text) {
    String normalised =
        Arrays.stream(text.strip().toLowerCase(Locale.ROOT).split("\\s+"))
            .collect(Collectors.joining(" "));
    int count = normalised.isEmpty() ? 0 : normalised.split(" ").length;
    if (count < 12 || count > 24 || count % 3 != 0) {
      throw new InvalidArgumentException(
          "a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words; got " + count);
    }
    boolean valid;
    try {
      valid = MnemonicUtils.validateMnemonic(normalised);
    } catch (RuntimeException e) {
      valid = false;
    }
    if (!valid) {
      throw new InvalidArgumentException(
          "the mnemonic is not valid BIP-39: a word is not in the English list or the checksum fails");
    }
    return new Mnemonic(normalised);
  }

  /** The words, space separated; shown to the user once and never stored. */
  public String words() {
    return words;
  }

  /** The key at m/44'/195'/0'/0/index under the given BIP-39 passphrase (empty for none). */
  public TronKey deriveKey(String bip39Passphrase, int index) {
    if (index < 0) {
      throw new InvalidArgumentException("the derivation index must be between 0 and 2^31-1");
    }
    byte[] seed = MnemonicUtils.generateSeed(words, bip39Passphrase == null ? "" : bip39Passphrase);
    Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
    int[] path = {44 | HARDENED, TRON_COIN_TYPE | HARDENED, HARDENED, 0, index};
    return TronKey.of(Bip32ECKeyPair.deriveKeyPair(master, path));
  }

  @Override
  public String toString() {
    return "Mnemonic[hidden]";
  }
}
