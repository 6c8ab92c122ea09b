package io.bttspeed.wallet.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class KeysTest {

  private static final String ABANDON =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  // Source: tronweb test/testcases/src/sign-message.ts (via /work/shared/tron-vectors.md).
  @Test
  void privateKeyOneHasTronwebsAddress() {
    TronKey key = TronKey.ofPrivateKeyHex("0".repeat(63) + "1");
    assertEquals("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC", key.address().base58());
    assertEquals("417e5f4552091a69125d5dfcb7b8c2659029395bdf", key.address().hex());
  }

  // Source: /work/shared/tron-vectors.md, "Keys and addresses", TronLink path m/44'/195'/0'/0/0.
  @Test
  void abandonMnemonicDerivesTronLinksFirstAccount() {
    TronKey key = Mnemonic.parse(ABANDON).deriveKey("", 0);
    assertEquals("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH", key.address().base58());
    assertEquals("41c8599111f29c1e1e061265b4af93ea1f274ad78a", key.address().hex());
    assertEquals(
        "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28", key.privateKeyHex());
  }

  @Test
  void otherIndexesAndPassphrasesGiveOtherKeys() {
    Mnemonic mnemonic = Mnemonic.parse(ABANDON);
    TronAddress first = mnemonic.deriveKey("", 0).address();
    assertNotEquals(first, mnemonic.deriveKey("", 1).address());
    assertNotEquals(first, mnemonic.deriveKey("secret", 0).address());
  }

  @Test
  void mnemonicParsingNormalisesCaseAndSpaces() {
    Mnemonic mnemonic = Mnemonic.parse("  " + ABANDON.toUpperCase().replace(" ", "   ") + "\n");
    assertEquals(ABANDON, mnemonic.words());
  }

  @Test
  void mnemonicWithBadChecksumIsRejected() {
    String bad = ABANDON.replace("about", "abandon");
    assertThrows(InvalidArgumentException.class, () -> Mnemonic.parse(bad));
    assertThrows(InvalidArgumentException.class, () -> Mnemonic.parse("hello world"));
    assertThrows(
        InvalidArgumentException.class, () -> Mnemonic.parse(ABANDON.replace("about", "zzzzz")));
  }

  @Test
  void generatedMnemonicIsValidAndHidesItselfInToString() {
    Mnemonic mnemonic = Mnemonic.generate(new SecureRandom());
    assertEquals(12, mnemonic.words().split(" ").length);
    assertEquals(mnemonic.words(), Mnemonic.parse(mnemonic.words()).words());
    assertFalse(mnemonic.toString().contains(mnemonic.words().split(" ")[0] + " "));
  }

  @Test
  void privateKeyOutsideCurveOrderIsRejected() {
    assertThrows(InvalidArgumentException.class, () -> TronKey.ofPrivateKeyHex("0".repeat(64)));
    assertThrows(InvalidArgumentException.class, () -> TronKey.ofPrivateKeyHex("f".repeat(64)));
    assertThrows(InvalidArgumentException.class, () -> TronKey.ofPrivateKeyHex("12"));
    assertThrows(InvalidArgumentException.class, () -> TronKey.ofPrivateKeyHex("g".repeat(64)));
  }

  @Test
  void keyToStringShowsOnlyTheAddress() {
    TronKey key =
        TronKey.ofPrivateKeyHex("b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28");
    assertFalse(key.toString().contains("b5a4cea2"));
    assertTrue(key.toString().contains(key.address().base58()));
  }
}
