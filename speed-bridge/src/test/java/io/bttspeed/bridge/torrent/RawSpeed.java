package io.bttspeed.bridge.torrent;

/** Lets tests in other packages play a hostile bt_speed peer. */
public final class RawSpeed {
  private RawSpeed() {}

  public static void send(PeerLink link, byte[] payload) {
    link.sendRaw(payload);
  }
}
