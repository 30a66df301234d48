import Foundation

/// The repository the tests run from: the one place that computes its root, so fixtures,
/// scripts and built executables are found the same way by every test target.
public enum Repository {
    /// `Tests/TestSupport/Repository.swift` → three levels up.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root

    /// A path relative to the repository root.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
