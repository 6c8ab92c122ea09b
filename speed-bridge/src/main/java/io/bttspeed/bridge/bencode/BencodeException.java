package io.bttspeed.bridge.bencode;

/** Bytes that are not bencode under the reader's rules; the message names the first problem. */
public final class BencodeException extends Exception {
  private static final long serialVersionUID = 1L;

  BencodeException(String message) {
    super(message, null, false, false); // thrown on hostile input: no stack trace to fill
  }
}
