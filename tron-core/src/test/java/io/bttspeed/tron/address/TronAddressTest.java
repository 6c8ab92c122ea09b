package io.bttspeed.tron.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.tron.MalformedValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TronAddressTest {

  @Test
  void addressParsesBothTextFormsAndRejectsBadChecksum() {
    TronAddress base58 = TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC");
    assertEquals(base58, TronAddress.parse("417e5f4552091a69125d5dfcb7b8c2659029395bdf"));
    assertEquals(base58, TronAddress.parse("0x417E5F4552091A69125D5DFCB7B8C2659029395BDF"));
    assertTrue(TronAddress.tryParse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HD").isEmpty());
    assertTrue(TronAddress.tryParse("427e5f4552091a69125d5dfcb7b8c2659029395bdf").isEmpty());
    assertTrue(TronAddress.tryParse("0OIl").isEmpty());
    assertTrue(TronAddress.tryParse("").isEmpty());
    // A valid base58check payload that is an Ethereum-length address, not TRON's 21 bytes.
    assertTrue(TronAddress.tryParse("1111111111111111111114oLvT2").isEmpty());
  }

  @Test
  void mainnetBttContractAddressParses() {
    TronAddress btt = TronAddress.parse("TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4");
    assertEquals("TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4", btt.base58());
    assertEquals(20, btt.evm().length);
  }

  @Test
  void overlongTextIsRefusedBeforeDecoding() {
    // Base58 decoding is quadratic in the length: 400,000 characters once cost 50 s of CPU.
    String huge = "T" + "1".repeat(400_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(1), () -> assertTrue(TronAddress.tryParse(huge).isEmpty()));
    assertThrows(MalformedValueException.class, () -> TronAddress.parse(huge));
  }

  @Test
  void malformedBytesAreRejected() {
    assertThrows(MalformedValueException.class, () -> TronAddress.of(new byte[20]));
    assertThrows(IllegalArgumentException.class, () -> TronAddress.of(new byte[21]));
    assertThrows(MalformedValueException.class, () -> TronAddress.fromPublicKey(new byte[65]));
  }

  @Test
  void evmFormRoundTrips() {
    TronAddress address = TronAddress.parse("TMVQGm1qAQYVdetCeGRRkTWYYrLXuHK2HC");
    assertEquals(address, TronAddress.fromEvm(address.evm()));
    assertEquals(address, TronAddress.of(address.toByteString()));
  }
}
