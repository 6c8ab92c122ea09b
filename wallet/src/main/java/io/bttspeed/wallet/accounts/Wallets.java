package io.bttspeed.wallet.accounts;

import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.Keystore;
import io.bttspeed.wallet.keys.Mnemonic;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.WalletOrigin;
import io.bttspeed.wallet.store.WalletRecord;
import io.bttspeed.wallet.store.WalletStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creating, importing, listing and exporting wallets. Keys live in the database only as keystore
 * JSON under the master passphrase; a decrypted key is kept in memory after its first use so that
 * sends do not pay for scrypt each time.
 */
public final class Wallets {

  private static final int MAX_LABEL = 100;
  private static final int MIN_EXPORT_PASSWORD = 8;

  private final WalletStore store;
  private final Keystore keystore;
  private final String masterPassphrase;
  private final Keystore.ScryptCost atRestCost;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<WalletId, TronKey> unlocked = new ConcurrentHashMap<>();
  private final Map<WalletId, WalletRecord> byIdCache = new ConcurrentHashMap<>();

  public Wallets(
      WalletStore store,
      Keystore keystore,
      String masterPassphrase,
      Keystore.ScryptCost atRestCost,
      Clock clock,
      SecureRandom random) {
    this.store = store;
    this.keystore = keystore;
    this.masterPassphrase = masterPassphrase;
    this.atRestCost = atRestCost;
    this.clock = clock;
    this.random = random;
  }

  /** A wallet and, for a freshly created one, the mnemonic to show once. */
  public record Created(WalletRecord wallet, Mnemonic mnemonic) {}

  public Created create(Principal owner, String label, String bip39Passphrase) {
    Mnemonic mnemonic = Mnemonic.generate(random);
    WalletRecord wallet =
        save(owner, label, mnemonic.deriveKey(bip39Passphrase, 0), WalletOrigin.CREATED, 0);
    return new Created(wallet, mnemonic);
  }

  public WalletRecord importMnemonic(
      Principal owner, String label, String words, String bip39Passphrase, int index) {
    TronKey key = Mnemonic.parse(words).deriveKey(bip39Passphrase, index);
    return save(owner, label, key, WalletOrigin.MNEMONIC, index);
  }

  public WalletRecord importPrivateKey(Principal owner, String label, String privateKeyHex) {
    return save(owner, label, TronKey.ofPrivateKeyHex(privateKeyHex), WalletOrigin.PRIVATE_KEY, 0);
  }

  public WalletRecord importKeystore(
      Principal owner, String label, String keystoreJson, String password) {
    return save(owner, label, keystore.decrypt(keystoreJson, password), WalletOrigin.KEYSTORE, 0);
  }

  /**
   * Up to {@code max} of the owner's wallets after the cursor (from the first if empty), oldest
   * first.
   */
  public List<WalletRecord> page(
      Principal owner, Optional<WalletStore.WalletCursor> after, int max) {
    return store.page(owner.id(), after, max);
  }

  /**
   * The caller's wallet; another principal's wallet is reported exactly like a missing one. Wallet
   * rows never change after creation, so they are remembered after the first read.
   */
  public WalletRecord get(Principal owner, WalletId walletId) {
    WalletRecord known = byIdCache.get(walletId);
    if (known != null && known.principalId().equals(owner.id())) {
      return known;
    }
    WalletRecord found =
        store
            .find(owner.id(), walletId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no wallet " + walletId + " for this token; ListWallets shows yours"));
    byIdCache.put(walletId, found);
    return found;
  }

  /**
   * Any principal's wallet by id, for background work done on its owner's behalf (never for a
   * caller).
   */
  public WalletRecord byId(WalletId walletId) {
    WalletRecord known = byIdCache.get(walletId);
    if (known != null) {
      return known;
    }
    WalletRecord found =
        store
            .findAnyOwner(walletId)
            .orElseThrow(() -> new NotFoundException("no wallet " + walletId));
    byIdCache.put(walletId, found);
    return found;
  }

  /**
   * The key re-encrypted under the caller's password at the standard scrypt cost, as TronLink
   * expects.
   */
  public String export(Principal owner, WalletId walletId, String password) {
    if (password == null || password.length() < MIN_EXPORT_PASSWORD) {
      throw new InvalidArgumentException(
          "an export password of at least " + MIN_EXPORT_PASSWORD + " characters is required");
    }
    return keystore.encrypt(key(get(owner, walletId)), password, Keystore.ScryptCost.STANDARD);
  }

  /** The wallet's decrypted key, for signing. */
  public TronKey key(WalletRecord wallet) {
    return unlocked.computeIfAbsent(wallet.walletId(), id -> decryptStored(wallet));
  }

  /**
   * Fails unless the master passphrase opens the stored keys (checked on the oldest wallet), so a
   * wrong passphrase stops the server at start instead of failing sends later.
   */
  public void verifyMasterPassphrase() {
    store.oldest().ifPresent(this::key);
  }

  private TronKey decryptStored(WalletRecord wallet) {
    try {
      return keystore.decryptAtRest(wallet.keystoreJson(), masterPassphrase);
    } catch (InvalidArgumentException e) {
      // Not the caller's fault: the configured passphrase is not the one the keys were stored
      // under.
      throw new WrongMasterPassphraseException(wallet.walletId());
    }
  }

  /**
   * The configured master passphrase does not decrypt a stored key; an operator error, never a
   * caller's.
   */
  public static final class WrongMasterPassphraseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    WrongMasterPassphraseException(WalletId walletId) {
      super(
          "the master passphrase does not decrypt the stored key of wallet "
              + walletId
              + "; start the wallet with the passphrase its keys were stored under");
    }
  }

  private WalletRecord save(
      Principal owner, String label, TronKey key, WalletOrigin origin, int index) {
    String cleanLabel = label == null ? "" : label.strip();
    if (cleanLabel.length() > MAX_LABEL) {
      throw new InvalidArgumentException("a label has at most " + MAX_LABEL + " characters");
    }
    WalletRecord wallet =
        new WalletRecord(
            WalletId.random(),
            owner.id(),
            cleanLabel,
            key.address(),
            origin,
            index,
            keystore.encrypt(key, masterPassphrase, atRestCost),
            clock.millis());
    store.insert(wallet);
    unlocked.put(wallet.walletId(), key);
    return wallet;
  }
}
