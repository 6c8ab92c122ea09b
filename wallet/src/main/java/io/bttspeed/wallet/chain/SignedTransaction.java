package io.bttspeed.wallet.chain;

import io.bttspeed.tron.id.TxId;

/**
 * A signed transaction: its id (64 hex), the serialized protobuf as the node accepts it, its
 * expiration in epoch milliseconds, and the bandwidth it consumes in bytes.
 */
public record SignedTransaction(
    TxId txid, byte[] serialized, long expirationMs, long bandwidthBytes) {}
