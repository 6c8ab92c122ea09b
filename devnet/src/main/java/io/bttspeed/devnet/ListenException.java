package io.bttspeed.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The devnet could not bind its address (a port in use, an address not on this machine), told apart
 * from other start failures so a command line can name the option that fixes it.
 */
public final class ListenException extends UncheckedIOException {

  private static final long serialVersionUID = 1L;

  ListenException(String hostPort, IOException cause) {
    super("cannot listen on " + hostPort, cause);
  }
}
