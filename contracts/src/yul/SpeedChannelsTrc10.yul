/// SpeedChannelsTrc10: unidirectional payment channels in TRC-10 BTT (token id 1002000).
///
/// The same channels, events and TIP-712 vouchers as SpeedChannels.sol, written as a Yul object because the
/// TRC-10 transfers need TRON opcodes that upstream solc cannot express in Solidity: CALLTOKENVALUE (0xd2)
/// and CALLTOKENID (0xd3) read the deposit that came with the call, CALLTOKEN (0xd0) pays out. `verbatim`
/// emits them as they are. The ABI is ISpeedChannelsTrc10.sol; the build checks that every selector and
/// event topic declared there appears below.
///
/// Storage (slots):
///   0                        re-entrancy lock: 1 = free, 2 = held (never 0 after construction, because
///                            TRON charges a fresh SSTORE again on every call and refunds nothing)
///   keccak256(payer ‖ 1)     channels opened by payer (the per-payer nonce)
///   keccak256(id ‖ 2) + 0    payer | expiresAt << 160 | closed << 224
///   keccak256(id ‖ 2) + 1    payee
///   keccak256(id ‖ 2) + 2    deposit | paidOut << 128
/// Memory is scratch only: every value is written at a fixed offset right before it is hashed or returned.
object "SpeedChannelsTrc10" {
    code {
        // Nothing may be sent to the constructor: it would be stuck in the contract.
        if or(callvalue(), verbatim_0i_1o(hex"d2")) { revert(0, 0) }
        sstore(0, 1)
        datacopy(0, dataoffset("runtime"), datasize("runtime"))
        return(0, datasize("runtime"))
    }
    object "runtime" {
        code {
            switch shr(224, calldataload(0))
            case 0x0a0e5c9d /* open(address,uint256) */ {
                requireDeposit()
                requireArgs(2)
                returnWord(open(addressArg(0), wordArg(1), callTokenValue()))
            }
            case 0xcfa54f39 /* topUp(bytes32) */ {
                requireDeposit()
                requireArgs(1)
                topUp(wordArg(0), callTokenValue())
                stop()
            }
            case 0x6df3e83f /* extend(bytes32,uint256) */ {
                requireNoValue()
                requireArgs(2)
                extend(wordArg(0), wordArg(1))
                stop()
            }
            case 0x93deddf2 /* settle(bytes32,uint256,bytes) */ {
                requireNoValue()
                requireArgs(3)
                let sigOffset, sigLength := bytesArg(2)
                settle(wordArg(0), wordArg(1), sigOffset, sigLength)
                stop()
            }
            case 0xacdee66a /* close(bytes32,uint256,bytes) */ {
                requireNoValue()
                requireArgs(3)
                let sigOffset, sigLength := bytesArg(2)
                close(wordArg(0), wordArg(1), sigOffset, sigLength)
                stop()
            }
            case 0x96afb365 /* reclaim(bytes32) */ {
                requireNoValue()
                requireArgs(1)
                reclaim(wordArg(0))
                stop()
            }
            case 0x7a7ebd7b /* channels(bytes32) */ {
                requireNoValue()
                requireArgs(1)
                returnChannel(wordArg(0))
            }
            case 0x7ecebe00 /* nonces(address) */ {
                requireNoValue()
                requireArgs(1)
                returnWord(sload(nonceSlot(addressArg(0))))
            }
            case 0x17d70f7c /* tokenId() */ {
                requireNoValue()
                returnWord(tokenId())
            }
            case 0xf698da25 /* domainSeparator() */ {
                requireNoValue()
                returnWord(domainSeparator())
            }
            case 0xe55aee26 /* voucherDigest(bytes32,uint256) */ {
                requireNoValue()
                requireArgs(2)
                returnWord(voucherDigest(wordArg(0), wordArg(1)))
            }
            default {
                fail("unknown function")
            }

            // ---- channel operations -------------------------------------------------------------------

            /// The deposit is already in this contract's TRC-10 balance when the code runs; a revert sends
            /// it back, so there is no token call to order after the state change.
            function open(payee, expiresAt, amount) -> id {
                lock()
                if iszero(payee) { fail("channel: zero payee") }
                if iszero(amount) { fail("channel: zero amount") }
                if gt(amount, maxTokenAmount()) { fail("channel: amount too large") }
                if iszero(gt(expiresAt, timestamp())) { fail("channel: expiry in the past") }
                if gt(expiresAt, maxExpiry()) { fail("channel: expiry too large") }

                let nonceAt := nonceSlot(caller())
                let nonce := sload(nonceAt)
                sstore(nonceAt, add(nonce, 1))

                mstore(0x00, caller())
                mstore(0x20, payee)
                mstore(0x40, tokenId())
                mstore(0x60, nonce)
                id := keccak256(0x00, 0x80)

                let slot := channelSlot(id)
                sstore(slot, or(caller(), shl(160, expiresAt)))
                sstore(add(slot, 1), payee)
                sstore(add(slot, 2), amount)

                mstore(0x00, tokenId())
                mstore(0x20, amount)
                mstore(0x40, expiresAt)
                log4(0x00, 0x60,
                    0x705401abfacf8fad9792d847e80f9f3f7c367ab3244281e27961807ec2df6ad3, // ChannelOpened
                    id, caller(), payee)
                unlock()
            }

            function topUp(id, amount) {
                lock()
                let slot, header := openChannel(id)
                if iszero(eq(caller(), payerOf(header))) { fail("channel: not payer") }
                if iszero(amount) { fail("channel: zero amount") }
                let amounts := sload(add(slot, 2))
                let deposit := add(depositOf(amounts), amount)
                if gt(deposit, maxTokenAmount()) { fail("channel: amount too large") }
                sstore(add(slot, 2), or(deposit, shl(128, paidOutOf(amounts))))

                mstore(0x00, amount)
                mstore(0x20, deposit)
                log2(0x00, 0x40,
                    0x9cccb87b8f66309aa4e78924a7f8bbe8cb5ddd377aa929dd7a622132781856aa, // ChannelToppedUp
                    id)
                unlock()
            }

            function extend(id, newExpiresAt) {
                lock()
                let slot, header := openChannel(id)
                if iszero(eq(caller(), payerOf(header))) { fail("channel: not payer") }
                if iszero(gt(newExpiresAt, expiresAtOf(header))) { fail("channel: expiry not later") }
                if gt(newExpiresAt, maxExpiry()) { fail("channel: expiry too large") }
                sstore(slot, or(payerOf(header), shl(160, newExpiresAt)))

                mstore(0x00, newExpiresAt)
                log2(0x00, 0x20,
                    0x705486212da472c9935573b3bc2d3ff3ca72e5569d9160d02d07d570f51427d0, // ChannelExtended
                    id)
                unlock()
            }

            function settle(id, cumulative, sigOffset, sigLength) {
                lock()
                let slot, header := openChannel(id)
                let payee := sload(add(slot, 1))
                if iszero(eq(caller(), payee)) { fail("channel: not payee") }
                if eq(cumulative, paidOutOf(sload(add(slot, 2)))) { fail("voucher: nothing to settle") }
                let payout := redeem(slot, header, id, cumulative, sigOffset, sigLength)

                mstore(0x00, cumulative)
                mstore(0x20, payout)
                log2(0x00, 0x40,
                    0xf94fb5c0628a82dc90648e8dc5e983f632633b0d26603d64e8cc042ca0790aa4, // ChannelSettled
                    id)
                pay(payee, payout)
                unlock()
            }

            /// A voucher equal to what was already paid needs no signature: the payee gives up nothing it has
            /// not been paid, and the payer gets the rest back early.
            function close(id, cumulative, sigOffset, sigLength) {
                lock()
                let slot, header := openChannel(id)
                let payee := sload(add(slot, 1))
                if iszero(eq(caller(), payee)) { fail("channel: not payee") }
                let payout := 0
                if iszero(eq(cumulative, paidOutOf(sload(add(slot, 2))))) {
                    payout := redeem(slot, header, id, cumulative, sigOffset, sigLength)
                }
                let refund := sub(depositOf(sload(add(slot, 2))), cumulative)
                sstore(slot, or(header, shl(224, 1)))

                mstore(0x00, cumulative)
                mstore(0x20, payout)
                mstore(0x40, refund)
                log2(0x00, 0x60,
                    0x111007eb29211bd8300879a31cebb43e3d8df231aa499eafaae5478629ff6d7b, // ChannelClosed
                    id)
                pay(payee, payout)
                pay(payerOf(header), refund)
                unlock()
            }

            function reclaim(id) {
                lock()
                let slot, header := openChannel(id)
                if iszero(eq(caller(), payerOf(header))) { fail("channel: not payer") }
                if iszero(gt(timestamp(), expiresAtOf(header))) { fail("channel: not expired") }
                let amounts := sload(add(slot, 2))
                let refund := sub(depositOf(amounts), paidOutOf(amounts))
                sstore(slot, or(header, shl(224, 1)))

                mstore(0x00, refund)
                log2(0x00, 0x20,
                    0x0ac94ccfe8ebb46c4dbf4ebcf0beb9f6e6226f407e4ef4eaa409a0435d0359a8, // ChannelReclaimed
                    id)
                pay(payerOf(header), refund)
                unlock()
            }

            /// Checks the voucher and records it as paid; returns the amount newly due to the payee.
            function redeem(slot, header, id, cumulative, sigOffset, sigLength) -> payout {
                let amounts := sload(add(slot, 2))
                let deposit := depositOf(amounts)
                let paidOut := paidOutOf(amounts)
                if iszero(gt(cumulative, paidOut)) { fail("voucher: below paid out") }
                if gt(cumulative, deposit) { fail("voucher: above deposit") }
                let signer := recoverSigner(voucherDigest(id, cumulative), sigOffset, sigLength)
                if iszero(eq(signer, payerOf(header))) { fail("voucher: wrong signer") }
                sstore(add(slot, 2), or(deposit, shl(128, cumulative)))
                payout := sub(cumulative, paidOut)
            }

            function returnChannel(id) {
                let slot := channelSlot(id)
                let header := sload(slot)
                let amounts := sload(add(slot, 2))
                mstore(0x00, payerOf(header))
                mstore(0x20, sload(add(slot, 1)))
                mstore(0x40, depositOf(amounts))
                mstore(0x60, paidOutOf(amounts))
                mstore(0x80, expiresAtOf(header))
                mstore(0xa0, closedOf(header))
                return(0x00, 0xc0)
            }

            // ---- TIP-712 vouchers ---------------------------------------------------------------------

            /// keccak256(abi.encode(EIP712Domain typehash, keccak("BttSpeedChannels"), keccak("1"), chainid,
            /// this)); computed per call so a chain fork with another id cannot reuse vouchers.
            function domainSeparator() -> separator {
                mstore(0x00, 0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f)
                mstore(0x20, 0x3eccc9551a6866fef7c1ee366c4d73ee594670bd4a49d82543352151ac2d4d59)
                mstore(0x40, 0xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6)
                mstore(0x60, chainid())
                mstore(0x80, address())
                separator := keccak256(0x00, 0xa0)
            }

            /// keccak256("\x19\x01" ‖ domainSeparator ‖ keccak256(abi.encode(Voucher typehash, id, cumulative)))
            function voucherDigest(id, cumulative) -> digest {
                mstore(0x00, 0x5e172d4a19b08b5b7f0354399a080f05a28476f34f987f7cd87e69a4065d4ec0)
                mstore(0x20, id)
                mstore(0x40, cumulative)
                let structHash := keccak256(0x00, 0x60)
                let separator := domainSeparator()
                mstore(0x00, shl(240, 0x1901))
                mstore(0x02, separator)
                mstore(0x22, structHash)
                digest := keccak256(0x00, 0x42)
            }

            /// r ‖ s ‖ v, v in {27, 28} or {0, 1}, low s only. TRON's ecrecover answers 0x41 ‖ address in the
            /// word, hence the mask; a bad signature gives empty output, so the pre-zeroed word stays 0.
            function recoverSigner(digest, sigOffset, sigLength) -> signer {
                if iszero(eq(sigLength, 65)) { fail("voucher: bad signature length") }
                let r := calldataload(sigOffset)
                let s := calldataload(add(sigOffset, 0x20))
                let v := byte(0, calldataload(add(sigOffset, 0x40)))
                if lt(v, 27) { v := add(v, 27) }
                if iszero(or(eq(v, 27), eq(v, 28))) { fail("voucher: bad signature v") }
                if gt(s, 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0) {
                    fail("voucher: high s")
                }
                mstore(0x00, digest)
                mstore(0x20, v)
                mstore(0x40, r)
                mstore(0x60, s)
                mstore(0x80, 0)
                pop(staticcall(gas(), 0x01, 0x00, 0x80, 0x80, 0x20))
                signer := and(mload(0x80), addressMask())
                if iszero(signer) { fail("voucher: wrong signer") }
            }

            // ---- TRC-10 -------------------------------------------------------------------------------

            function tokenId() -> id { id := 1002000 }

            /// TRC-10 amounts are int64 on TRON; a deposit above that could never be paid out by CALLTOKEN.
            function maxTokenAmount() -> amount { amount := 0x7fffffffffffffff }

            function callTokenValue() -> value { value := verbatim_0i_1o(hex"d2") }

            function callTokenId() -> id { id := verbatim_0i_1o(hex"d3") }

            /// CALLTOKEN pops gas, address, value, tokenId, inOffset, inSize, outOffset, outSize (java-tron
            /// OperationActions.callTokenAction); verbatim puts its first argument on top of the stack.
            function pay(to, amount) {
                if amount {
                    let ok := verbatim_8i_1o(hex"d0", gas(), to, amount, tokenId(), 0, 0, 0, 0)
                    if iszero(ok) { fail("trc10: transfer failed") }
                }
            }

            function requireDeposit() {
                if callvalue() { fail("trc10: TRX not accepted") }
                if iszero(eq(callTokenId(), tokenId())) { fail("trc10: wrong token") }
            }

            function requireNoValue() {
                if or(callvalue(), callTokenValue()) { fail("trc10: value not accepted") }
            }

            // ---- storage ------------------------------------------------------------------------------

            function lock() {
                if iszero(eq(sload(0), 1)) { fail("channel: reentrant call") }
                sstore(0, 2)
            }

            function unlock() { sstore(0, 1) }

            function nonceSlot(payer) -> slot {
                mstore(0x00, payer)
                mstore(0x20, 1)
                slot := keccak256(0x00, 0x40)
            }

            function channelSlot(id) -> slot {
                mstore(0x00, id)
                mstore(0x20, 2)
                slot := keccak256(0x00, 0x40)
            }

            function openChannel(id) -> slot, header {
                slot := channelSlot(id)
                header := sload(slot)
                if iszero(payerOf(header)) { fail("channel: unknown") }
                if closedOf(header) { fail("channel: closed") }
            }

            function payerOf(header) -> payer { payer := and(header, addressMask()) }

            function expiresAtOf(header) -> expiresAt { expiresAt := and(shr(160, header), maxExpiry()) }

            function closedOf(header) -> closed { closed := and(shr(224, header), 1) }

            function depositOf(amounts) -> deposit { deposit := and(amounts, 0xffffffffffffffffffffffffffffffff) }

            function paidOutOf(amounts) -> paidOut { paidOut := shr(128, amounts) }

            function maxExpiry() -> expiry { expiry := 0xffffffffffffffff }

            function addressMask() -> mask { mask := 0xffffffffffffffffffffffffffffffffffffffff }

            // ---- ABI ----------------------------------------------------------------------------------

            function requireArgs(count) {
                if lt(calldatasize(), add(4, mul(count, 0x20))) { fail("abi: calldata too short") }
            }

            function wordArg(index) -> word { word := calldataload(add(4, mul(index, 0x20))) }

            function addressArg(index) -> addr {
                addr := wordArg(index)
                if shr(160, addr) { fail("abi: bad address") }
            }

            /// A dynamic `bytes` argument: returns where its content starts in calldata and its length.
            function bytesArg(index) -> offset, length {
                let relative := wordArg(index)
                if gt(relative, 0xffffffff) { fail("abi: bad bytes offset") }
                let lengthAt := add(4, relative)
                if gt(add(lengthAt, 0x20), calldatasize()) { fail("abi: bad bytes offset") }
                length := calldataload(lengthAt)
                offset := add(lengthAt, 0x20)
                if gt(length, 0xffffffff) { fail("abi: bad bytes length") }
                if gt(add(offset, length), calldatasize()) { fail("abi: bad bytes length") }
            }

            function returnWord(word) {
                mstore(0x00, word)
                return(0x00, 0x20)
            }

            /// Reverts with Error(string) like Solidity's require; `reason` is a left-aligned literal of at
            /// most 32 bytes, its length is the count of bytes before the first zero.
            function fail(reason) {
                let length := 0
                for { } and(lt(length, 32), iszero(iszero(byte(length, reason)))) { length := add(length, 1) } { }
                mstore(0x00, shl(224, 0x08c379a0))
                mstore(0x04, 0x20)
                mstore(0x24, length)
                mstore(0x44, reason)
                revert(0x00, 0x64)
            }
        }
    }
}
