package io.bttspeed.devnet.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Keccak;
import io.bttspeed.tron.hash.Sha256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Chain.Transaction;

/**
 * Address, txid and signature code against public TRON vectors (collected in the project's shared
 * tron-vectors list; each source is named at its test).
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

  /** BIP-39 test mnemonic on TronLink's path m/44'/195'/0'/0/0 (public TronLink-compatible vector). */
  @Test
  void abandonMnemonicDerivesTronLinksFirstAccount() {
    BigInteger key = HdKeys.tronKey(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", 0);
    assertEquals("b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28", HEX.formatHex(
        toBytes32(key)));
    assertEquals("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH", Secp256k1.addressOf(key).base58());
  }

  /** consenlabs/token-core, tcx-tron/src/signer.rs: a real TransferContract transaction. */
  @Test
  void txidIsSha256OfRawData() throws Exception {
    byte[] raw = HEX.parseHex("0a0202a22208e216e254e43ee10840c8cbe4e3df2d5a67080112630a2d747970652e676f6f676c65"
        + "617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a15415c68cc82c87446f602f0"
        + "19e5fd797437f5b79cc212154156a6076cd1537fa317c2606e4edfa4acd3e8e92e18a08d06709084e1e3df2d");
    Transaction tx = Transaction.newBuilder().setRawData(Transaction.raw.parseFrom(raw)).build();
    assertEquals("88817b9c6276e3c535e4f8f15baf546292ca6ad9d44a7d97857bd6f8909d63d4", Blocks.txId(tx).hex());
  }

  /** tronweb, src/utils/message.ts signMessageV2: key 1 signs "hello world". */
  @Test
  void signedMessageRecoversToItsSigner() {
    String message = "hello world";
    byte[] digest = Keccak.hash(("\u0019TRON Signed Message:\n" + message.length() + message)
        .getBytes(StandardCharsets.UTF_8));
    assertEquals("cf02daeb2bea196ed5692322a66ed50080ce74ff8cb711199f1b04f3c13bc10d", HEX.formatHex(digest));
    byte[] signature = HEX.parseHex("0dc0b53d525e0103a6013061cf18e60cf158809149f2b8994a545af65a7004cb1eeaff560e801a"
        + "b51b28df5d42549aa024c2aa7e9d34de1e01294b9afb5e6c7e1c");
    assertEquals(Secp256k1.addressOf(BigInteger.ONE), Secp256k1.recover(digest, signature).orElseThrow());
    assertArrayEquals(signature, Secp256k1.sign(digest, BigInteger.ONE), "RFC 6979 signing is deterministic");
  }

  @Test
  void highSAndBadRecoveryIdsDoNotRecover() {
    byte[] digest = Sha256.hash("x".getBytes(StandardCharsets.UTF_8));
    byte[] signature = Secp256k1.sign(digest, BigInteger.TWO);
    byte[] badV = signature.clone();
    badV[64] = 5;
    assertTrue(Secp256k1.recover(digest, badV).isEmpty());
    byte[] highS = signature.clone();
    BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    BigInteger s = n.subtract(new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64)));
    System.arraycopy(toBytes32(s), 0, highS, 32, 32);
    assertTrue(Secp256k1.recover(digest, highS).isEmpty());
  }

  @Test
  void malformedAddressesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HD"));
    assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("427e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertThrows(IllegalArgumentException.class, () -> TronAddress.parse("7e5f4552091a69125d5dfcb7b8c2659029395bdf"));
  }

  private static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
