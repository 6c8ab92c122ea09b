package io.bttspeed.contracts.voucher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class VoucherSignatureTest {
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  private static final BigInteger R = BigInteger.valueOf(123_456_789);
  private static final BigInteger LOW_S = N.shiftRight(1);

  @Test
  void recoveryIdZeroAndOneAreNormalisedTo27And28() {
    assertEquals(27, VoucherSignature.of(R, LOW_S, 0).v());
    assertEquals(28, VoucherSignature.of(R, LOW_S, 1).v());
    assertEquals(28, VoucherSignature.of(R, LOW_S, 28).bytes()[64]);
  }

  @Test
  void highSIsRejected() {
    BigInteger highS = LOW_S.add(BigInteger.ONE);

    assertThrows(IllegalArgumentException.class, () -> VoucherSignature.of(R, highS, 27));
  }

  @Test
  void otherRecoveryIdsAndLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> VoucherSignature.of(R, LOW_S, 29));
    assertThrows(IllegalArgumentException.class, () -> VoucherSignature.of(new byte[64]));
    assertThrows(
        IllegalArgumentException.class, () -> VoucherSignature.of(BigInteger.ZERO, LOW_S, 27));
  }

  @Test
  void componentsRoundTrip() {
    VoucherSignature signature = VoucherSignature.of(R, BigInteger.TWO, 27);

    assertEquals(R, signature.r());
    assertEquals(BigInteger.TWO, signature.s());
    assertEquals(signature, VoucherSignature.of(signature.bytes()));
  }
}
