import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A TCP endpoint of the test's own on 127.0.0.1: it forwards to the throwaway server's Unix socket until
/// `goSilent()`, after which it keeps every connection open and answers nothing, in either direction — a dead
/// load balancer or a network partition. With `forwardTo: nil` it is silent from the start (accepts, never answers).
public final class SilentNetwork: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let target: String?
    private let silent = Atomic<Bool>(false)
    private let stopped = Atomic<Bool>(false)
    private var thread = pthread_t()

    /// Listens on a free port; forwards to `forwardTo` (a Unix socket path) while not silent.
    public init(forwardTo target: String?) throws {
        self.target = target
        silent.store(target == nil, ordering: .sequentiallyConsistent)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        guard bound, listen(listener, 16) == 0 else { throw TestClusterError("SilentNetwork: bind/listen failed: errno \(errno)") }
        port = Int(UInt16(bigEndian: address.sin_port))
        let box = Unmanaged.passRetained(self).toOpaque()
        pthread_create(&thread, nil, { argument in
            Unmanaged<SilentNetwork>.fromOpaque(argument!).takeRetainedValue().serve()
            return nil
        }, box)
    }

    /// From now on nothing passes, and nothing is closed.
    public func goSilent() { silent.store(true, ordering: .sequentiallyConsistent) }

    /// Stops serving and closes every socket.
    public func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        pthread_join(thread, nil)
        close(listener)
    }

    /// A conninfo through this endpoint for `database` as `user`, with the given connect timeout.
    public func conninfo(database: String, user: String = "postgres", connectTimeout: Int = 2) -> String {
        "host=127.0.0.1 port=\(port) user=\(user) dbname=\(database) connect_timeout=\(connectTimeout)"
    }

    private func serve() {
        var pairs: [(client: Int32, server: Int32)] = []
        var held: [Int32] = []
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            let forwarding = !silent.load(ordering: .sequentiallyConsistent)
            if forwarding {
                for pair in pairs {
                    fds.append(pollfd(fd: pair.client, events: Int16(POLLIN), revents: 0))
                    fds.append(pollfd(fd: pair.server, events: Int16(POLLIN), revents: 0))
                }
            }
            _ = poll(&fds, nfds_t(fds.count), 50)
            let accepting = fds[0].revents != 0
            var closed: Set<Int> = []
            for (index, pair) in pairs.enumerated() where forwarding {
                for (from, to, slot) in [(pair.client, pair.server, 1 + index * 2), (pair.server, pair.client, 2 + index * 2)]
                where fds[slot].revents != 0 {
                    var buffer = [UInt8](repeating: 0, count: 65_536)
                    let count = read(from, &buffer, buffer.count)
                    if count <= 0 { closed.insert(index); continue }
                    var sent = 0
                    while sent < count {
                        let written = buffer[sent..<count].withUnsafeBytes { write(to, $0.baseAddress, count - sent) }
                        if written <= 0 { closed.insert(index); break }
                        sent += written
                    }
                }
            }
            for index in closed.sorted(by: >) {
                close(pairs[index].client)
                close(pairs[index].server)
                pairs.remove(at: index)
            }
            if accepting {
                let client = accept(listener, nil, nil)
                if client >= 0 {
                    if forwarding, let server = connectUnix() { pairs.append((client, server)) } else { held.append(client) }
                }
            }
        }
        for pair in pairs { close(pair.client); close(pair.server) }
        for fd in held { close(fd) }
    }

    private func connectUnix() -> Int32? {
        guard let target else { return nil }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(target.utf8CString)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.prefix(raw.count - 1).enumerated() { raw[index] = UInt8(bitPattern: byte) }
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
        if !connected { close(fd); return nil }
        return fd
    }
}
