package io.bttspeed.wallet.chain;

/**
 * An unsigned transaction: its serialized {@code raw_data}, the id it will have (SHA-256 of the raw
 * data, which is also the digest that is signed) and its expiration in epoch milliseconds.
 */
public record TransactionDraft(byte[] rawData, byte[] txid, long expirationMs) {}
