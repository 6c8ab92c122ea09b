package io.bttspeed.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.voucher.Tip712Domain;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.wallet.channel.VoucherSigner;
import io.bttspeed.wallet.keys.TronKey;
import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A voucher as a payee receives it (a channel id, a cumulative amount and 65 signature bytes, from
 * a {@code bt_speed} message or AcceptVoucher): the signature is taken or refused with the
 * documented IllegalArgumentException (INVALID_ARGUMENT on the wire, a protocol violation on the
 * wire between peers), a taken one recovers an address or nothing and never throws, and no change
 * to a signed voucher, one bit of its signature or its amount, still verifies as its payer's.
 */
class VoucherFuzzTest {
  private static final BigInteger UINT256_MAX =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  private static final BigInteger HALF_CURVE_ORDER =
      new BigInteger("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", 16);

  /**
   * TRON mainnet's chain id and an arbitrary hub address: any domain works for these properties.
   */
  private static final VoucherSigner SIGNER =
      new VoucherSigner(
          new Tip712Domain(
              0x2b6653dcL, EvmAddress.fromHex("0x5f3b2c6a1e9d8b7c4a3f2e1d0c9b8a7f6e5d4c3b")));

  private static final TronKey PAYER = TronKey.ofPrivateKeyHex("0f".repeat(32));

  @Property
  void arbitraryBytesAreASignatureOrARefusal(@ForAll @Size(max = 140) byte[] bytes) {
    try {
      VoucherSignature signature = VoucherSignature.of(bytes);
      assertEquals(VoucherSignature.LENGTH, bytes.length);
      assertTrue(signature.v() == 27 || signature.v() == 28, "v normalised: " + signature.v());
      assertTrue(signature.r().signum() > 0 && signature.s().signum() > 0);
      assertTrue(signature.s().compareTo(HALF_CURVE_ORDER) <= 0, "a high s was taken");
    } catch (IllegalArgumentException expected) {
      // the documented refusal
    }
  }

  @Property
  void everyTakenSignatureRecoversAnAddressOrNothing(
      @ForAll @Size(value = 65) byte[] bytes,
      @ForAll @Size(value = 32) byte[] channel,
      @ForAll("uint256") BigInteger cumulative) {
    // Steer most tries past the form checks, to the recovery itself.
    bytes[64] = (byte) (27 + (bytes[64] & 1));
    bytes[32] &= 0x7f;
    VoucherSignature signature;
    try {
      signature = VoucherSignature.of(bytes);
    } catch (IllegalArgumentException refused) {
      return;
    }
    Optional<TronAddress> signer = SIGNER.signer(ChannelId.of(channel), cumulative, signature);
    signer.ifPresent(a -> assertEquals(21, a.toByteArray().length));
  }

  @Property
  void aSignedVoucherVerifiesAsItsPayerAndNoChangedOneDoes(
      @ForAll @Size(value = 32) byte[] channel,
      @ForAll("uint256") BigInteger cumulative,
      @ForAll @IntRange(min = 0, max = 65 * 8 - 1) int bit) {
    ChannelId id = ChannelId.of(channel);
    VoucherSignature signature = SIGNER.sign(id, cumulative, PAYER);
    Optional<TronAddress> payer = Optional.of(PAYER.address());
    assertEquals(payer, SIGNER.signer(id, cumulative, signature));

    byte[] changed = signature.bytes();
    changed[bit / 8] ^= (byte) (1 << (bit % 8));
    try {
      assertNotEquals(
          payer,
          SIGNER.signer(id, cumulative, VoucherSignature.of(changed)),
          "bit " + bit + " of the signature flipped, and it still verified");
    } catch (IllegalArgumentException refused) {
      // v out of {27, 28}, a high s, or r or s out of range
    }

    BigInteger other =
        cumulative.equals(UINT256_MAX)
            ? cumulative.subtract(BigInteger.ONE)
            : cumulative.add(BigInteger.ONE);
    assertNotEquals(payer, SIGNER.signer(id, other, signature), "another amount verified");
  }

  @Property
  void arbitraryTextIsAChannelIdOrARefusal(@ForAll @Size(max = 140) String text) {
    try {
      ChannelId id = ChannelId.fromHex(text);
      String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
      assertEquals(digits.toLowerCase(java.util.Locale.ROOT), id.hex());
    } catch (MalformedValueException expected) {
      // the documented refusal
    }
  }

  @Provide
  Arbitrary<BigInteger> uint256() {
    return Arbitraries.bigIntegers().between(BigInteger.ZERO, UINT256_MAX);
  }
}
