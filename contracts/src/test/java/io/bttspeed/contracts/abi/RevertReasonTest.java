package io.bttspeed.contracts.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevertReasonTest {
  @Test
  void reasonRoundTripsThroughErrorStringEncoding() {
    byte[] data = RevertReason.encode("voucher: wrong signer");

    assertEquals(Optional.of("voucher: wrong signer"), RevertReason.decode(data));
  }

  /** The exact 100 bytes the Yul contract's fail() writes for "channel: closed" (15 bytes). */
  @Test
  void reasonIsReadFromTheYulEncoding() {
    String hex =
        "08c379a0"
            + "0000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000000f"
            + "6368616e6e656c3a20636c6f7365640000000000000000000000000000000000";

    assertEquals(Optional.of("channel: closed"), RevertReason.decode(HexFormat.of().parseHex(hex)));
  }

  @Test
  void dataThatIsNotAnErrorStringHasNoReason() {
    assertTrue(RevertReason.decode(new byte[0]).isEmpty());
    assertTrue(
        RevertReason.decode(HexFormat.of().parseHex("4e487b71" + "00".repeat(64))).isEmpty());
  }
}
