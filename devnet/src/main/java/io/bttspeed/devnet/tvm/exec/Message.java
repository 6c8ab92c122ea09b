package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.Address;

/**
 * What a frame runs with.
 *
 * @param address the account whose storage and balance the code acts on (ADDRESS)
 * @param caller CALLER
 * @param callValueSun CALLVALUE
 * @param tokenValue CALLTOKENVALUE
 * @param tokenId CALLTOKENID
 * @param data call data (empty for init code)
 * @param depth 0 for the transaction's frame
 * @param isStatic writes halt the frame
 */
public record Message(
    Address address,
    Address caller,
    long callValueSun,
    long tokenValue,
    long tokenId,
    byte[] data,
    int depth,
    boolean isStatic) {}
