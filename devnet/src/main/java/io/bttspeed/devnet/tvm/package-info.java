/**
 * TRON's TVM: an EVM interpreter (Frontier through London, plus PUSH0) with TRON's differences.
 *
 * <p>{@link io.bttspeed.devnet.tvm.Tvm} is the entry point: creation transactions, message calls
 * and constant calls, each reading a {@link io.bttspeed.devnet.tvm.state.StateBackend} that the
 * chain implements and returning an {@link io.bttspeed.devnet.tvm.ExecutionResult} whose {@link
 * io.bttspeed.devnet.tvm.state.VmStateChanges} the chain applies. Inside the VM addresses are 20
 * bytes ({@link io.bttspeed.devnet.tvm.Address}); the chain's 21-byte {@code 0x41} form is
 * converted at the boundary.
 *
 * <p>One package per concern:
 *
 * <ul>
 *   <li>{@code word}: 256-bit words and in-place limb arithmetic, Keccak-256;
 *   <li>{@code energy}: the TRON and FRONTIER energy schedules;
 *   <li>{@code exec}: call frames, stack, memory, the interpreter loop, nested calls and creations;
 *   <li>{@code ops}: the operation table and the operations, grouped by kind;
 *   <li>{@code precompile}: 0x01 ecrecover (TRON's {@code 0x41}-prefixed answer), 0x02 sha256, 0x03
 *       sha256-of-sha256-prefix, 0x04 identity, 0x05 modexp;
 *   <li>{@code state}: the backend interface, the journaled overlay and the net changes.
 * </ul>
 */
package io.bttspeed.devnet.tvm;
