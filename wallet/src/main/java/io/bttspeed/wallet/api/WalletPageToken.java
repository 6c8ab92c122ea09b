package io.bttspeed.wallet.api;

import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.store.WalletStore.WalletCursor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * ListWallets' page token: the last wallet of the previous page, opaque to callers (base64url of
 * {@code w1:<created_at_ms>:<wallet_id>}) so the order key can change without breaking clients' code.
 */
final class WalletPageToken {

  private static final String VERSION = "w1";

  private WalletPageToken() {}

  static String encode(WalletCursor cursor) {
    String plain = VERSION + ":" + cursor.createdAtMs() + ":" + cursor.walletId();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** Empty for the empty token (the first page); a token this server did not make is INVALID_ARGUMENT. */
  static Optional<WalletCursor> decode(String token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 3);
      if (parts.length == 3 && parts[0].equals(VERSION) && !parts[2].isEmpty()) {
        return Optional.of(new WalletCursor(Long.parseLong(parts[1]), parts[2]));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below; NumberFormatException is an IllegalArgumentException too.
    }
    throw new InvalidArgumentException(
        "page_token is not one ListWallets returned; pass next_page_token unchanged, or empty for the first page");
  }
}
