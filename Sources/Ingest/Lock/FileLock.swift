import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock(2)` on a lock file, holding the holder's JSON (``LockHolder``).
///
/// The kernel lock is the exact, instant layer of the run lock on one host: taking it is one
/// system call, and the kernel drops it when the holder exits in any way (SIGKILL included),
/// so a dead holder never blocks anyone here. The file's content only names the holder for the
/// loser's message; it is never what decides.
public final class FileLock: Sendable {
    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// Opens (creating) `name` in `directory`, creating the directory if it is missing.
    public static func open(directory: String, name: String) throws(RunLockError) -> FileLock {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .lockDirectory(path: directory, reason: "cannot create it")
        }
        let path = (directory as NSString).appendingPathComponent(name)
        var descriptor = systemOpen(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if descriptor >= 0 {
            // Whoever creates it lets every user lock it (the timer's user and an operator's).
            _ = fchmod(descriptor, 0o666)
        } else if errno == EACCES {
            // Another user's file without write permission: the lock still works read-only,
            // only the holder's name is not written.
            descriptor = systemOpen(path, O_RDONLY | O_CLOEXEC, 0)
        }
        guard descriptor >= 0 else { throw .lockDirectory(path: path, reason: String(cString: strerror(errno))) }
        return FileLock(path: path, descriptor: descriptor)
    }

    /// Takes the lock if nobody holds it; never waits.
    public func tryLock() -> Bool {
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            if errno != EINTR { return false }
        }
    }

    /// Names the holder in the file (the lock must be held).
    public func write(_ holder: LockHolder) {
        let data = holder.json()
        _ = ftruncate(descriptor, 0)
        _ = data.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// The holder the file names. A holder writes the file right after taking the lock: a read
    /// in between finds it empty, so a few short retries wait for it.
    public func holder() async -> LockHolder? {
        for attempt in 0..<10 {
            if let holder = LockHolder.decode(contents()) { return holder }
            if attempt < 9 { try? await Task.sleep(for: .milliseconds(20)) }
        }
        return nil
    }

    /// Releases the lock (closing the descriptor does).
    public func close() {
        _ = systemClose(descriptor)
    }

    private func contents() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4_096)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            offset += off_t(count)
        }
        return data
    }
}

// `open` and `close` as free functions (the type's own `close()` hides the C one inside it).
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemClose(_ descriptor: Int32) -> Int32 { close(descriptor) }
