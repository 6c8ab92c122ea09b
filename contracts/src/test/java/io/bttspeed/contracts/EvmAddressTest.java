package io.bttspeed.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EvmAddressTest {
  /** Mainnet TRC-20 BTT, TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4, in hex. */
  private static final String BTT_TRON_HEX = "41032017411f4663b317fe77c257d28d5cd1b26e3d";

  @Test
  void tronAddressLosesAndRegainsItsPrefix() {
    byte[] tron = HexFormat.of().parseHex(BTT_TRON_HEX);

    EvmAddress address = EvmAddress.fromTron(tron);

    assertEquals(BTT_TRON_HEX.substring(2), address.hex());
    assertArrayEquals(tron, address.toTron());
    assertEquals(address, EvmAddress.fromHex("0x" + BTT_TRON_HEX.substring(2)));
  }

  @Test
  void tronAddressWithAnotherPrefixOrLengthIsRejected() {
    byte[] ethereumStyle = HexFormat.of().parseHex("00" + BTT_TRON_HEX.substring(2));
    assertThrows(IllegalArgumentException.class, () -> EvmAddress.fromTron(ethereumStyle));
    assertThrows(IllegalArgumentException.class, () -> EvmAddress.fromTron(new byte[20]));
    assertThrows(IllegalArgumentException.class, () -> EvmAddress.of(new byte[21]));
    assertThrows(IllegalArgumentException.class, () -> EvmAddress.fromHex("0x1234"));
  }

  @Test
  void zeroAddressIsZero() {
    assertTrue(EvmAddress.of(new byte[20]).isZero());
  }
}
