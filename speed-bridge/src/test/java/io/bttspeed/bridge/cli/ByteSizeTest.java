package io.bttspeed.bridge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
  @ParameterizedTest
  @CsvSource({
    "48MiB, 50331648",
    "48 mib, 50331648",
    "512KiB, 524288",
    "1GiB, 1073741824",
    "4321, 4321",
    "7B, 7"
  })
  void sizesAreBytesOrBinaryUnits(String text, long bytes) {
    assertEquals(bytes, ByteSize.parse("--size", text, false));
  }

  @Test
  void ratesMayEndInPerSecond() {
    assertEquals(3L << 20, ByteSize.parse("--cap", "3MiB/s", true));
    assertEquals(1000, ByteSize.parse("--cap", "1000", true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1MiB", "1.5MiB", "48MB", "3MiB/s", "MiB", "1 TiB"})
  void anythingElseIsRefusedAsASize(String text) {
    assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("--size", text, false));
  }

  @Test
  void aHugeNumberOfGibibytesIsRefusedNotWrapped() {
    assertThrows(
        IllegalArgumentException.class, () -> ByteSize.parse("--size", "999999999999GiB", false));
  }
}
