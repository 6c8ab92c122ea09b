package io.bttspeed.wallet.error;

/**
 * The domain errors of the wallet. Each subtype has one meaning that the API maps to one gRPC
 * status code; messages are written for the caller and never contain key material.
 */
public abstract sealed class WalletException extends RuntimeException
    permits InvalidArgumentException,
        NotFoundException,
        FailedPreconditionException,
        PermissionDeniedException,
        UnauthenticatedException,
        AlreadyExistsException,
        NodeUnavailableException,
        ResourceExhaustedException {

  private static final long serialVersionUID = 1L;

  protected WalletException(String message) {
    super(message);
  }

  protected WalletException(String message, Throwable cause) {
    super(message, cause);
  }
}
