import AsyncHTTPClient
import ClientSupport
import NIOCore
import NIOSSL

extension ClickHouseError {
    /// Classifies a failure below HTTP (no response): timeouts and broken connections are
    /// retryable; TLS failures (an untrusted certificate will not become trusted) and local
    /// misconfiguration are not.
    init(transportError error: any Error, password: Secret) {
        let message = password.scrubbed(from: String(describing: error))
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                self.init(status: nil, code: nil, message: message, kind: .timeout, isRetryable: true)
            case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .cancelled:
                self.init(status: nil, code: nil, message: message, kind: .network, isRetryable: false)
            default:
                self.init(status: nil, code: nil, message: message, kind: .network, isRetryable: true)
            }
        } else if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            self.init(status: nil, code: nil, message: "TLS: \(message)", kind: .network, isRetryable: false)
        } else {
            // Connection refused/reset (NIOConnectionError, IOError, ChannelError) and friends.
            self.init(status: nil, code: nil, message: message, kind: .network, isRetryable: true)
        }
    }
}
