package io.bttspeed.wallet.chain;

/**
 * A signed transaction: its id (64 hex), the serialized protobuf as the node accepts it, its expiration in
 * epoch milliseconds, and the bandwidth it consumes in bytes.
 */
public record SignedTransaction(String txid, byte[] serialized, long expirationMs, long bandwidthBytes) {}
