package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.contracts.voucher.Tip712Voucher;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Keccak;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.signing.Secp256k1;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Signs and verifies vouchers of one channel contract: the TIP-712 digest exactly as the contracts'
 * {@code voucherDigest} computes it, with the domain separator hashed once, and secp256k1 on
 * libsecp256k1 where it loads (the voucher hot path), Bouncy Castle otherwise.
 */
public final class VoucherSigner {

  private static final byte[] VOUCHER_TYPEHASH =
      Keccak.hash(Tip712Voucher.VOUCHER_TYPE.getBytes(StandardCharsets.UTF_8));

  private final byte[] domainSeparator;

  public VoucherSigner(Tip712Domain domain) {
    this.domainSeparator = Tip712Voucher.domainSeparator(domain);
  }

  /**
   * keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ keccak256(VOUCHER_TYPEHASH ‖ channelId ‖
   * cumulative)).
   */
  public byte[] digest(ChannelId channelId, BigInteger cumulative) {
    if (cumulative.signum() < 0 || cumulative.bitLength() > 256) {
      throw new IllegalArgumentException("a cumulative amount is a uint256");
    }
    byte[] struct = new byte[96];
    System.arraycopy(VOUCHER_TYPEHASH, 0, struct, 0, 32);
    System.arraycopy(channelId.bytes(), 0, struct, 32, 32);
    putWord(cumulative, struct, 64);
    byte[] message = new byte[66];
    message[0] = 0x19;
    message[1] = 0x01;
    System.arraycopy(domainSeparator, 0, message, 2, 32);
    System.arraycopy(Keccak.hash(struct), 0, message, 34, 32);
    return Keccak.hash(message);
  }

  /**
   * The payer's signature, 65 bytes r ‖ s ‖ v with low s and v in {27, 28}, as the contracts accept
   * it.
   */
  public VoucherSignature sign(ChannelId channelId, BigInteger cumulative, TronKey payer) {
    byte[] signature =
        Secp256k1.sign(digest(channelId, cumulative), new BigInteger(1, payer.privateKeyBytes()));
    return VoucherSignature.of(signature);
  }

  /** The address that signed the voucher, or empty for a signature that recovers nothing. */
  public Optional<TronAddress> signer(
      ChannelId channelId, BigInteger cumulative, VoucherSignature signature) {
    return Secp256k1.recover(digest(channelId, cumulative), signature.bytes())
        .map(a -> TronAddress.of(a.toByteArray()));
  }

  private static void putWord(BigInteger value, byte[] target, int offset) {
    byte[] raw = value.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, target, offset + 32 - length, length);
  }
}
