// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.26;

/// @title ISpeedChannelsTrc10: the interface of the TRC-10 channel contract written in Yul
/// @notice Same semantics, events and voucher format as SpeedChannels, for one TRC-10 token (BTT, id 1002000).
///         Deposits arrive as the call's TRC-10 value (TriggerSmartContract call_token_value / token_id);
///         payouts leave by CALLTOKEN. The implementation is src/yul/SpeedChannelsTrc10.yul because upstream
///         solc has no syntax for TRON's TRC-10 opcodes; this interface is compiled only for its ABI, which
///         the build attaches to the Yul artifact, and the build checks that the Yul dispatcher handles every
///         selector and emits every event topic declared here.
/// @dev `payable` here means "accepts TRC-10 BTT": the contract rejects any TRX value and any other token.
interface ISpeedChannelsTrc10 {
    event ChannelOpened(
        bytes32 indexed channelId,
        address indexed payer,
        address indexed payee,
        uint256 tokenId,
        uint256 deposit,
        uint256 expiresAt
    );
    event ChannelToppedUp(bytes32 indexed channelId, uint256 amount, uint256 deposit);
    event ChannelExtended(bytes32 indexed channelId, uint256 expiresAt);
    event ChannelSettled(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 payout);
    event ChannelClosed(bytes32 indexed channelId, uint256 cumulativeAmount, uint256 payout, uint256 refund);
    event ChannelReclaimed(bytes32 indexed channelId, uint256 refund);

    /// @notice Opens a channel funded by the call's TRC-10 value; id = keccak256(abi.encode(payer, payee,
    ///         tokenId, nonce)).
    function open(address payee, uint256 expiresAt) external payable returns (bytes32 channelId);

    /// @notice Adds the call's TRC-10 value to the deposit; payer only.
    function topUp(bytes32 channelId) external payable;

    function extend(bytes32 channelId, uint256 newExpiresAt) external;

    function settle(bytes32 channelId, uint256 cumulativeAmount, bytes calldata signature) external;

    function close(bytes32 channelId, uint256 cumulativeAmount, bytes calldata signature) external;

    function reclaim(bytes32 channelId) external;

    function channels(bytes32 channelId)
        external
        view
        returns (address payer, address payee, uint256 deposit, uint256 paidOut, uint256 expiresAt, bool closed);

    function nonces(address payer) external view returns (uint256);

    /// @notice The TRC-10 token id this contract accepts (1002000, BTT).
    function tokenId() external view returns (uint256);

    function domainSeparator() external view returns (bytes32);

    function voucherDigest(bytes32 channelId, uint256 cumulativeAmount) external view returns (bytes32);
}
