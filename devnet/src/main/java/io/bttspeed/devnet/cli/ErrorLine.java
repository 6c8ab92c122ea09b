package io.bttspeed.devnet.cli;

/**
 * A failure as the one line a terminal user reads: the message and, when it adds something, the
 * root cause's ("cannot listen on 127.0.0.1:50051 (Address already in use)"), never a stack trace.
 * Shared by the devnet's and the wallet's command lines.
 */
public final class ErrorLine {

  /**
   * Long enough for a path and a reason; an echoed oversized argument must not flood the terminal.
   */
  static final int MAX_LENGTH = 400;

  private ErrorLine() {}

  public static String describe(Throwable e) {
    Throwable root = rootCause(e);
    String message = e.getMessage();
    String rootMessage = root.getMessage();
    if (message == null || message.isBlank()) {
      message =
          rootMessage == null || rootMessage.isBlank()
              ? "unexpected " + root.getClass().getSimpleName()
              : rootMessage;
    } else if (root != e
        && rootMessage != null
        && !rootMessage.isBlank()
        && !message.contains(rootMessage)) {
      message = message + " (" + rootMessage + ")";
    }
    return of(message);
  }

  /**
   * The innermost cause: what actually went wrong (a BindException under netty's wrapping, say).
   */
  public static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The text with its line breaks and runs of blanks as single spaces, cut to a bounded length. */
  public static String of(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH) + "…";
  }
}
