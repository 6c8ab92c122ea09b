package io.bttspeed.bridge.metainfo;

/** The input is not a torrent or magnet link we accept; the message says why, for the user. */
public final class MetainfoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MetainfoException(String message) {
    super(message);
  }
}
