package io.bttspeed.tron;

/**
 * How an error message repeats what the caller sent: quoted, at most {@link #MAX_CHARS} characters
 * then {@code …}, control characters shown as {@code ?}. An id of 8,000 characters echoed whole
 * once pushed the status past HTTP/2's header limit and the client saw PROTOCOL_ERROR instead of
 * the error.
 */
public final class Echo {

  public static final int MAX_CHARS = 64;

  private Echo() {}

  /** {@code 'text'}, shortened and made printable. */
  public static String quote(String text) {
    if (text == null) {
      return "''";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 3).append('\'');
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      if (shown == MAX_CHARS) {
        return out.append("…'").toString();
      }
      int cp = text.codePointAt(i);
      out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp);
      shown++;
      i += Character.charCount(cp);
    }
    return out.append('\'').toString();
  }
}
