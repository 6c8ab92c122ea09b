package io.bttspeed.tron;

/**
 * A value that is not what its type allows: an address that does not decode, an amount out of
 * range, a token id below TRC-10's first. Unchecked and an {@link IllegalArgumentException}, so
 * modules with no error model of their own treat it like any bad argument; the wallet maps it to
 * INVALID_ARGUMENT in its one error mapping. Messages are written for the caller and quote input
 * only through {@link Echo}.
 */
public class MalformedValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public MalformedValueException(String message) {
    super(message);
  }

  public MalformedValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
