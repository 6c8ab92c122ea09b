package io.bttspeed.devnet.tvm.state;

import io.bttspeed.devnet.tvm.Address;

/** A contract created during execution: its runtime code and the account that created it. */
public record NewContract(Address address, byte[] code, Address creator) {}
