package io.bttspeed.wallet.id;

import io.bttspeed.tron.Echo;
import io.bttspeed.tron.MalformedValueException;
import java.util.UUID;

/**
 * A wallet's id: a random UUID the service makes when it creates or imports the wallet, in the one
 * form it hands out, stores and compares, 36 characters of lowercase hex in groups 8-4-4-4-12 (what
 * {@link UUID#toString} writes). Parsing refuses every other spelling, upper case included: the id
 * is an opaque name the service issued, so a second spelling would only be a second name for one
 * wallet (and a second content hash for one idempotent request).
 */
public final class WalletId {

  /** The length of the one form, checked before anything else is looked at. */
  public static final int LENGTH = 36;

  private final String text;

  private WalletId(String text) {
    this.text = text;
  }

  /** A new id, for a wallet about to be stored. */
  public static WalletId random() {
    return new WalletId(UUID.randomUUID().toString());
  }

  /**
   * Parses the canonical form and nothing else.
   *
   * @throws MalformedValueException for anything else: null, another length, upper case, braces,
   *     missing or misplaced hyphens, a non-hex character
   */
  public static WalletId parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new MalformedValueException("a wallet id is needed, as CreateWallet returned it");
    }
    if (text.length() != LENGTH || !canonical(text)) {
      throw new MalformedValueException(
          "a wallet id is a lowercase UUID (8-4-4-4-12 hex digits) as CreateWallet returned it, not "
              + Echo.quote(text));
    }
    return new WalletId(text);
  }

  /**
   * Position by position, ASCII only: {@link UUID#fromString} takes short groups and upper case,
   * and {@link Character#digit} other scripts' digits.
   */
  private static boolean canonical(String text) {
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      boolean ok =
          (i == 8 || i == 13 || i == 18 || i == 23)
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The canonical form: what the API returns and the database's {@code wallet_id} holds. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WalletId w && w.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
