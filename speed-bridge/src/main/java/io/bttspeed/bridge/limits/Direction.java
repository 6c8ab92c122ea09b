package io.bttspeed.bridge.limits;

/** Which way payload bytes flow, seen from this client. */
public enum Direction {
  /** Piece payload we send to peers. */
  UP,
  /** Piece payload we request from peers. */
  DOWN
}
