package io.bttspeed.tron.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Keccak;
import io.bttspeed.tron.hash.Sha256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Address and signature code against public TRON vectors (collected in the project's shared
 * tron-vectors list; each source is named at its test). Moved from the devnet with the signer.
 */
class TronVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** tronweb, test/testcases/src/sign-message.ts: private key 1. */
  @Test
  void privateKeyOneHasTronwebsAddress() {
    TronAddress address = Secp256k1.addressOf(BigInteger.ONE);
    assertEquals("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC", address.base58());
    assertEquals("417e5f4552091a69125d5dfcb7b8c2659029395bdf", address.hex());
    assertEquals(address, TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC"));
    assertEquals(address, TronAddress.parse("417e5f4552091a69125d5dfcb7b8c2659029395bdf"));
  }

  /** tronweb, src/utils/message.ts signMessageV2: key 1 signs "hello world". */
  @Test
  void signedMessageRecoversToItsSigner() {
    String message = "hello world";
    byte[] digest =
        Keccak.hash(
            ("\u0019TRON Signed Message:\n" + message.length() + message)
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "cf02daeb2bea196ed5692322a66ed50080ce74ff8cb711199f1b04f3c13bc10d", HEX.formatHex(digest));
    byte[] signature =
        HEX.parseHex(
            "0dc0b53d525e0103a6013061cf18e60cf158809149f2b8994a545af65a7004cb1eeaff560e801a"
                + "b51b28df5d42549aa024c2aa7e9d34de1e01294b9afb5e6c7e1c");
    assertEquals(
        Secp256k1.addressOf(BigInteger.ONE), Secp256k1.recover(digest, signature).orElseThrow());
    assertArrayEquals(
        signature, Secp256k1.sign(digest, BigInteger.ONE), "RFC 6979 signing is deterministic");
  }

  @Test
  void highSAndBadRecoveryIdsDoNotRecover() {
    byte[] digest = Sha256.hash("x".getBytes(StandardCharsets.UTF_8));
    byte[] signature = Secp256k1.sign(digest, BigInteger.TWO);
    byte[] badV = signature.clone();
    badV[64] = 5;
    assertTrue(Secp256k1.recover(digest, badV).isEmpty());
    byte[] highS = signature.clone();
    BigInteger n =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    BigInteger s = n.subtract(new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64)));
    System.arraycopy(toBytes32(s), 0, highS, 32, 32);
    assertTrue(Secp256k1.recover(digest, highS).isEmpty());
  }

  @Test
  void malformedAddressesAreRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HD"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TronAddress.parse("427e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertThrows(
        IllegalArgumentException.class,
        () -> TronAddress.parse("7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
  }

  private static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
