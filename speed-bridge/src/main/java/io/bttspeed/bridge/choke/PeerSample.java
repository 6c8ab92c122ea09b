package io.bttspeed.bridge.choke;

/**
 * One connected peer as the choker sees it at the end of a round.
 *
 * @param peer the peer's key
 * @param interested whether it wants data from us
 * @param downloadRate bytes/s it sent us during the round
 * @param uploadRate bytes/s we sent it during the round
 * @param <K> the key type of a peer
 */
public record PeerSample<K>(K peer, boolean interested, long downloadRate, long uploadRate) {}
