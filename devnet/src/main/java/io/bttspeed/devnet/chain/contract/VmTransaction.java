package io.bttspeed.devnet.chain.contract;

import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.crypto.Hash32;

/**
 * What a contract transaction runs with besides its contract: the chain's rules, the execution
 * environment, its id (contract addresses and internal transaction hashes derive from it) and the
 * most sun it may burn for energy.
 */
public record VmTransaction(
    ChainParameters parameters, VmEnvironment environment, Hash32 txId, long feeLimit) {}
