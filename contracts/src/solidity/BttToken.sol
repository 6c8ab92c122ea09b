// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.26;

/// @title BttToken: the devnet's TRC-20 stand-in for mainnet BTT
/// @notice A plain TRC-20 (TRON's ERC-20) with 18 decimals, like BTT on mainnet, so the wallet drives the same
///         calls and decodes the same events on the devnet as on a real network.
/// @dev The deployer becomes the owner and receives `initialSupply`; the owner may mint later so the devnet's
///      genesis can fund each development account without a pre-computed total. Mainnet BTT has no such
///      function: nothing in the wallet may depend on `mint` or `owner`.
contract BttToken {
    string public constant name = "BitTorrent";
    string public constant symbol = "BTT";
    uint8 public constant decimals = 18;

    uint256 public totalSupply;
    address public owner;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @param initialSupply base units (18 decimals) credited to the deployer
    constructor(uint256 initialSupply) {
        owner = msg.sender;
        _mint(msg.sender, initialSupply);
    }

    /// @notice Creates `amount` new base units for `to`; owner only (the devnet's genesis).
    function mint(address to, uint256 amount) external returns (bool) {
        require(msg.sender == owner, "BTT: caller is not the owner");
        _mint(to, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    /// @dev Approving over a non-zero allowance is allowed (the usual ERC-20 race is the spender's, and
    ///      TRON wallets expect it to work); the event carries the new value.
    function approve(address spender, uint256 amount) external returns (bool) {
        require(spender != address(0), "BTT: approve to the zero address");
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @dev An allowance of type(uint256).max is treated as unlimited and never decremented, as in
    ///      OpenZeppelin's ERC20, so a channel contract approved once keeps working.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= amount, "BTT: insufficient allowance");
            unchecked {
                allowance[from][msg.sender] = allowed - amount;
            }
        }
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        require(to != address(0), "BTT: transfer to the zero address");
        uint256 fromBalance = balanceOf[from];
        require(fromBalance >= amount, "BTT: insufficient balance");
        unchecked {
            // Cannot overflow: the sum of all balances is totalSupply, which is checked in _mint.
            balanceOf[from] = fromBalance - amount;
            balanceOf[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    function _mint(address to, uint256 amount) private {
        require(to != address(0), "BTT: mint to the zero address");
        totalSupply += amount;
        unchecked {
            balanceOf[to] += amount;
        }
        emit Transfer(address(0), to, amount);
    }
}
