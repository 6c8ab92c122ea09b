package io.bttspeed.bridge.wallet;

import io.bttspeed.tron.hash.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** The idempotency keys the daemon sends with the wallet's money calls (opens and top-ups). */
final class IdempotencyKeys {
  private IdempotencyKeys() {}

  /**
   * A deterministic idempotency key: the same request always gets the same one (at most 128
   * characters).
   */
  static String of(String kind, String... parts) {
    // Each part is followed by a 0 byte, so ("ab", "c") and ("a", "bc") never share a key.
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (String p : parts) {
      joined.writeBytes(p.getBytes(StandardCharsets.UTF_8));
      joined.write(0);
    }
    return "speed-bridge-"
        + kind
        + "-"
        + HexFormat.of().formatHex(Sha256.hash(joined.toByteArray()));
  }
}
