package io.bttspeed.bridge.torrent;

import io.bttspeed.bridge.domain.PeerAddress;

/**
 * One connection's live counters.
 *
 * @param peer the peer
 * @param client the peer's client name from its peer id ("" when unknown)
 * @param uploadedBytes piece payload sent to it on this connection
 * @param downloadedBytes piece payload received from it on this connection
 * @param unchoked whether it holds an upload slot on the wire now
 * @param interested whether it wants data from us
 */
public record PeerCounters(
    PeerAddress peer,
    String client,
    long uploadedBytes,
    long downloadedBytes,
    boolean unchoked,
    boolean interested) {}
