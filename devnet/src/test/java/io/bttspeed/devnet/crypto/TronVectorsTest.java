package io.bttspeed.devnet.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.tron.signing.Secp256k1;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tron.trident.proto.Chain.Transaction;

/**
 * HD derivation and txid code against public TRON vectors (collected in the project's shared
 * tron-vectors list; each source is named at its test). The address and signature vectors are
 * tron-core's {@code io.bttspeed.tron.signing.TronVectorsTest}.
 */
class TronVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * BIP-39 test mnemonic on TronLink's path m/44'/195'/0'/0/0 (public TronLink-compatible vector).
   */
  @Test
  void abandonMnemonicDerivesTronLinksFirstAccount() {
    BigInteger key =
        HdKeys.tronKey(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
            0);
    assertEquals(
        "b5a4cea271ff424d7c31dc12a3e43e401df7a40d7412a15750f3f0b6b5449a28",
        HEX.formatHex(toBytes32(key)));
    assertEquals("TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH", Secp256k1.addressOf(key).base58());
  }

  /** consenlabs/token-core, tcx-tron/src/signer.rs: a real TransferContract transaction. */
  @Test
  void txidIsSha256OfRawData() throws Exception {
    byte[] raw =
        HEX.parseHex(
            "0a0202a22208e216e254e43ee10840c8cbe4e3df2d5a67080112630a2d747970652e676f6f676c65"
                + "617069732e636f6d2f70726f746f636f6c2e5472616e73666572436f6e747261637412320a15415c68cc82c87446f602f0"
                + "19e5fd797437f5b79cc212154156a6076cd1537fa317c2606e4edfa4acd3e8e92e18a08d06709084e1e3df2d");
    Transaction tx = Transaction.newBuilder().setRawData(Transaction.raw.parseFrom(raw)).build();
    assertEquals(
        "88817b9c6276e3c535e4f8f15baf546292ca6ad9d44a7d97857bd6f8909d63d4", Blocks.txId(tx).hex());
  }

  private static byte[] toBytes32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
