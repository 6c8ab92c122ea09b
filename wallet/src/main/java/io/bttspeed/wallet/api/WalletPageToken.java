package io.bttspeed.wallet.api;

import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.WalletStore.WalletCursor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ListWallets' page token: the last wallet of the previous page, opaque to callers, and
 * tamper-evident: {@code base64url(w2:<created_at_ms>:<wallet_id>) "." base64url(mac)}, where the
 * MAC (HMAC-SHA256, 16 bytes) covers the principal and the cursor under a key made when the server
 * starts. A token edited, forged, or presented by another principal is INVALID_ARGUMENT; a token
 * from before a restart too (the client starts over from the first page).
 */
final class WalletPageToken {

  /** A real token is about 90 characters; anything much longer is refused before decoding. */
  static final int MAX_LENGTH = 256;

  private static final String VERSION = "w2";
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec key;

  WalletPageToken(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  static WalletPageToken withRandomKey(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new WalletPageToken(key);
  }

  String encode(String principalId, WalletCursor cursor) {
    byte[] plain =
        (VERSION + ":" + cursor.createdAtMs() + ":" + cursor.walletId())
            .getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(plain) + "." + B64.encodeToString(mac(principalId, plain));
  }

  /**
   * Empty for the empty token (the first page); a token this server did not make is
   * INVALID_ARGUMENT.
   */
  Optional<WalletCursor> decode(String principalId, String token) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (token.length() <= MAX_LENGTH) {
      try {
        int dot = token.indexOf('.');
        byte[] plain = Base64.getUrlDecoder().decode(token.substring(0, Math.max(dot, 0)));
        byte[] mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        if (dot > 0 && MessageDigest.isEqual(mac, mac(principalId, plain))) {
          String[] parts = new String(plain, StandardCharsets.UTF_8).split(":", 3);
          if (parts.length == 3 && parts[0].equals(VERSION)) {
            return Optional.of(
                new WalletCursor(Long.parseLong(parts[1]), WalletId.parse(parts[2])));
          }
        }
      } catch (IllegalArgumentException e) {
        // Falls through to the error below; NumberFormatException and a malformed wallet id
        // (MalformedValueException) are IllegalArgumentExceptions too.
      }
    }
    throw new InvalidArgumentException(
        "page_token is not one ListWallets returned to this token since the server started; pass"
            + " next_page_token unchanged, or empty for the first page");
  }

  private byte[] mac(String principalId, byte[] plain) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      // The principal is length-prefixed so that no principal/cursor split can collide with
      // another.
      byte[] principal = principalId.getBytes(StandardCharsets.UTF_8);
      hmac.update(Integer.toString(principal.length).getBytes(StandardCharsets.US_ASCII));
      hmac.update((byte) ':');
      hmac.update(principal);
      return Arrays.copyOf(hmac.doFinal(plain), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is available on every Java platform", e);
    }
  }
}
