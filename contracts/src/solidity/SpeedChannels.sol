// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.26;

/// @dev The two TRC-20 calls the channel makes. Declared here rather than imported so the source tree stays
///      self-contained and the build needs no import remapping.
interface ITrc20 {
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title SpeedChannels: unidirectional payment channels over any TRC-20 token
/// @notice A payer locks a deposit for a payee until `expiresAt`. Off chain the payer signs TIP-712 vouchers
///         carrying the cumulative amount owed; the payee redeems the latest one with `settle` (channel stays
///         open) or `close` (the rest goes back to the payer). If the payee disappears, the payer takes the
///         remainder back with `reclaim` once the channel has expired.
/// @dev Vouchers are cumulative, so only the highest one matters and a lost or replayed lower voucher can
///      never pay twice: the contract pays `cumulative - paidOut`. The domain binds a voucher to this
///      contract and chain. State changes happen before token calls (checks-effects-interactions) and a
///      storage lock rejects re-entry from a malicious token; no transient storage (paris has none).
contract SpeedChannels {
    /// @dev Packed into three slots: open writes four, settle rewrites one.
    struct Channel {
        address payer;
        uint64 expiresAt;
        bool closed;
        address payee;
        address token;
        uint128 deposit;
        uint128 paidOut;
    }

    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant VOUCHER_TYPEHASH = keccak256("Voucher(bytes32 channelId,uint256 cumulativeAmount)");
    bytes32 private constant NAME_HASH = keccak256("BttSpeedChannels");
    bytes32 private constant VERSION_HASH = keccak256("1");

    /// @dev Half the secp256k1 group order: signatures with a larger s are the malleable twin and rejected.
    uint256 private constant HALF_CURVE_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    uint256 private constant UNLOCKED = 1;
    uint256 private constant LOCKED = 2;
    uint256 private lock = UNLOCKED;

    mapping(bytes32 => Channel) private channelById;

    /// @notice Channels opened so far by each payer; part of the next channel id.
    mapping(address => uint256) public nonces;

    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        address token,
        uint256 deposit,
        uint256 expiresAt
    );
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    event ChannelExtended(bytes32 indexed channelId, uint256 expiresAt);
    event ChannelSettled(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 payout);
    event ChannelClosed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 payout, uint256 refund);
    event ChannelReclaimed(bytes32 indexed channelId, uint256 refund);

    modifier nonReentrant() {
        require(lock == UNLOCKED, "channel: reentrant call");
        lock = LOCKED;
        _;
        lock = UNLOCKED;
    }

    /// @notice Opens a channel and pulls `deposit` from the caller, who must have approved this contract.
    /// @param expiresAt unix seconds (TRON's TIMESTAMP is block milliseconds / 1000) after which the payer
    ///        may reclaim what the payee has not settled
    /// @return channelId keccak256(abi.encode(payer, payee, token, nonce)), unique per payer
    function open(address payee, address token, uint256 deposit, uint256 expiresAt)
        external
        nonReentrant
        returns (bytes32 channelId)
    {
        require(payee != address(0), "channel: zero payee");
        require(token != address(0), "channel: zero token");
        require(deposit > 0, "channel: zero amount");
        require(deposit <= type(uint128).max, "channel: amount too large");
        require(expiresAt > block.timestamp, "channel: expiry in the past");
        require(expiresAt <= type(uint64).max, "channel: expiry too large");

        uint256 nonce = nonces[msg.sender]++;
        channelId = keccak256(abi.encode(msg.sender, payee, token, nonce));
        channelById[channelId] = Channel({
            payer: msg.sender,
            expiresAt: uint64(expiresAt),
            closed: false,
            payee: payee,
            token: token,
            deposit: uint128(deposit),
            paidOut: 0
        });
        emit ChannelOpened(channelId, msg.sender, payee, token, deposit, expiresAt);
        _pull(token, msg.sender, deposit);
    }

    /// @notice Adds `amount` to the deposit; payer only, while the channel is open.
    function topUp(bytes32 channelId, uint256 amount) external nonReentrant {
        Channel storage c = _openChannel(channelId);
        require(msg.sender == c.payer, "channel: not payer");
        require(amount > 0, "channel: zero amount");
        uint256 deposit = uint256(c.deposit) + amount;
        require(deposit <= type(uint128).max, "channel: amount too large");
        c.deposit = uint128(deposit);
        emit ChannelToppedUp(channelId, amount, deposit);
        _pull(c.token, msg.sender, amount);
    }

    /// @notice Moves the expiry later; payer only. Never earlier, so a payee's settlement plan stays valid.
    function extend(bytes32 channelId, uint256 newExpiresAt) external nonReentrant {
        Channel storage c = _openChannel(channelId);
        require(msg.sender == c.payer, "channel: not payer");
        require(newExpiresAt > c.expiresAt, "channel: expiry not later");
        require(newExpiresAt <= type(uint64).max, "channel: expiry too large");
        c.expiresAt = uint64(newExpiresAt);
        emit ChannelExtended(channelId, newExpiresAt);
    }

    /// @notice Pays the payee `cumulativeAmount - paidOut` against the payer's voucher; the channel stays open.
    /// @param signature 65 bytes r ‖ s ‖ v over the TIP-712 digest of Voucher(channelId, cumulativeAmount)
    function settle(bytes32 channelId, uint256 cumulativeAmount, bytes calldata signature)
        external
        nonReentrant
    {
        Channel storage c = _openChannel(channelId);
        require(msg.sender == c.payee, "channel: not payee");
        require(cumulativeAmount != c.paidOut, "voucher: nothing to settle");
        uint256 payout = _redeem(c, channelId, cumulativeAmount, signature);
        emit ChannelSettled(channelId, cumulativeAmount, payout);
        _push(c.token, c.payee, payout);
    }

    /// @notice Settles the voucher and refunds the rest of the deposit to the payer; the channel is closed.
    /// @dev A voucher equal to what was already paid needs no signature: the payee gives up nothing it has
    ///      not been paid and the payer gets its money back early.
    function close(bytes32 channelId, uint256 cumulativeAmount, bytes calldata signature)
        external
        nonReentrant
    {
        Channel storage c = _openChannel(channelId);
        require(msg.sender == c.payee, "channel: not payee");
        uint256 payout = 0;
        if (cumulativeAmount != c.paidOut) {
            payout = _redeem(c, channelId, cumulativeAmount, signature);
        }
        uint256 refund = uint256(c.deposit) - cumulativeAmount;
        c.closed = true;
        emit ChannelClosed(channelId, cumulativeAmount, payout, refund);
        _push(c.token, c.payee, payout);
        _push(c.token, c.payer, refund);
    }

    /// @notice Returns what the payee has not settled to the payer once the channel has expired; closes it.
    function reclaim(bytes32 channelId) external nonReentrant {
        Channel storage c = _openChannel(channelId);
        require(msg.sender == c.payer, "channel: not payer");
        require(block.timestamp > c.expiresAt, "channel: not expired");
        uint256 refund = uint256(c.deposit) - c.paidOut;
        c.closed = true;
        emit ChannelReclaimed(channelId, refund);
        _push(c.token, c.payer, refund);
    }

    /// @notice The channel's state; all zero for an unknown id.
    function channels(bytes32 channelId)
        external
        view
        returns (
            address payer,
            address payee,
            address token,
            uint256 deposit,
            uint256 paidOut,
            uint256 expiresAt,
            bool closed
        )
    {
        Channel storage c = channelById[channelId];
        return (c.payer, c.payee, c.token, c.deposit, c.paidOut, c.expiresAt, c.closed);
    }

    /// @notice The TIP-712 domain separator: name "BttSpeedChannels", version "1", this chain, this contract.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The digest the payer signs for a voucher (what wallets compute off chain).
    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) public view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(VOUCHER_TYPEHASH, channelId, cumulativeAmount));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function _openChannel(bytes32 channelId) private view returns (Channel storage c) {
        c = channelById[channelId];
        require(c.payer != address(0), "channel: unknown");
        require(!c.closed, "channel: closed");
    }

    /// @dev Checks the voucher and records it as paid; returns the amount newly due to the payee.
    function _redeem(Channel storage c, bytes32 channelId, uint256 cumulativeAmount, bytes calldata signature)
        private
        returns (uint256 payout)
    {
        uint256 paidOut = c.paidOut;
        require(cumulativeAmount > paidOut, "voucher: below paid out");
        require(cumulativeAmount <= c.deposit, "voucher: above deposit");
        require(_signer(voucherDigest(channelId, cumulativeAmount), signature) == c.payer, "voucher: wrong signer");
        c.paidOut = uint128(cumulativeAmount);
        payout = cumulativeAmount - paidOut;
    }

    /// @dev Recovers the signer of a 65-byte r ‖ s ‖ v signature; v may be 27/28 or 0/1, s must be low.
    ///      The precompile is called directly and its word masked to 160 bits because TRON's ecrecover answers
    ///      0x41 ‖ address in the word; an invalid signature yields empty output, hence address zero.
    function _signer(bytes32 digest, bytes calldata signature) private view returns (address signer) {
        require(signature.length == 65, "voucher: bad signature length");
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) {
            v += 27;
        }
        require(v == 27 || v == 28, "voucher: bad signature v");
        require(uint256(s) <= HALF_CURVE_ORDER, "voucher: high s");
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, digest)
            mstore(add(ptr, 0x20), v)
            mstore(add(ptr, 0x40), r)
            mstore(add(ptr, 0x60), s)
            mstore(0x00, 0)
            pop(staticcall(gas(), 0x01, ptr, 0x80, 0x00, 0x20))
            signer := and(mload(0x00), 0xffffffffffffffffffffffffffffffffffffffff)
        }
        require(signer != address(0), "voucher: wrong signer");
    }

    /// @dev Pulls tokens with transferFrom. Accepts tokens that return nothing as well as those returning true
    ///      (some TRC-20s predate the bool return); a false or a revert fails the whole call.
    function _pull(address token, address from, uint256 amount) private {
        _call(token, abi.encodeCall(ITrc20.transferFrom, (from, address(this), amount)));
    }

    function _push(address token, address to, uint256 amount) private {
        if (amount > 0) {
            _call(token, abi.encodeCall(ITrc20.transfer, (to, amount)));
        }
    }

    function _call(address token, bytes memory data) private {
        require(token.code.length > 0, "token: not a contract");
        (bool ok, bytes memory result) = token.call(data);
        require(ok && (result.length == 0 || abi.decode(result, (bool))), "token: transfer failed");
    }
}
