// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wisp",
    products: [
        .executable(name: "wisp", targets: ["wisp"]),
    ],
    targets: [
        // C shims for what Glibc's Swift module hides (signalfd, accept4, pipe2 …).
        .target(name: "CSystem"),
        // zlib from Debian's zlib1g-dev, for permessage-deflate.
        .systemLibrary(name: "CZlib"),
        // OpenSSL from Debian's libssl-dev, for wss://.
        .systemLibrary(name: "COpenSSL"),
        // RFC 6455 (and RFC 7692's compression), sans-I/O: bytes in, events out.
        .target(name: "WebSocket", dependencies: ["CZlib"]),
        // Single-threaded poll reactor, TCP sockets, listener, resolver, URLs.
        .target(name: "EventLoop", dependencies: ["CSystem"]),
        // TLS sessions over the reactor's sockets: OpenSSL on memory BIOs, certificate checks.
        .target(name: "TLS", dependencies: ["COpenSSL", "EventLoop"]),
        // Client glue: URL → resolve → TCP → TLS → handshake → connection, on the reactor.
        .target(name: "WebSocketClient", dependencies: ["WebSocket", "EventLoop", "TLS", "SuggestProtocol"]),
        // Server glue: listener → (TLS →) handshake → connection per peer, on the reactor.
        .target(name: "WebSocketServer", dependencies: ["WebSocket", "EventLoop", "TLS"]),
        // ncursesw from Debian's libncurses-dev, through a shim header.
        // (No pkgConfig: SwiftPM drops its -D flags with a warning; the module map links the libraries.)
        .systemLibrary(name: "CNcursesw"),
        // The wire messages of PROTOCOL.md, decoded tolerantly.
        .target(name: "SuggestProtocol"),
        // The demo server: catalog, suggestion engine, protocol handler on WebSocketServer.
        .target(
            name: "DemoServer",
            dependencies: ["WebSocket", "EventLoop", "WebSocketServer", "SuggestProtocol", "TLS"],
            resources: [.copy("Resources/catalog.json")]
        ),
        // The app as a pure state machine: model, messages, effects, update, line editor, policies.
        .target(name: "WispCore", dependencies: ["SuggestProtocol"]),
        // Cells, text width, sanitizer, layout, render, themes, keys, and the ncurses screen.
        .target(name: "TerminalUI", dependencies: ["WispCore", "CNcursesw"]),
        // Command-line parsing and configuration (flags > environment > config file > defaults).
        .target(name: "WispCLI", dependencies: ["WebSocket"]),
        // The only impure glue of the interface: reactor callbacks → AppMsg → update → effects → render.
        .target(name: "WispRuntime", dependencies: ["WispCore", "TerminalUI", "WebSocket", "EventLoop", "WebSocketClient"]),
        .executableTarget(
            name: "wisp",
            dependencies: ["WebSocket", "EventLoop", "WebSocketClient", "WebSocketServer", "SuggestProtocol", "DemoServer",
                           "WispCore", "TerminalUI", "WispRuntime", "WispCLI", "TLS"]
        ),
        .executableTarget(
            name: "wisp-bench",
            dependencies: ["WebSocket", "EventLoop", "WebSocketClient", "WebSocketServer", "DemoServer", "SuggestProtocol",
                           "WispCore", "TerminalUI", "CSystem"],
            path: "Benchmarks/WispBench"
        ),
        .testTarget(name: "WebSocketTests", dependencies: ["WebSocket"]),
        .testTarget(name: "EventLoopTests", dependencies: ["EventLoop"]),
        .testTarget(name: "SuggestProtocolTests", dependencies: ["SuggestProtocol"]),
        .testTarget(name: "WispCoreTests", dependencies: ["WispCore", "SuggestProtocol"]),
        .testTarget(name: "WispCLITests", dependencies: ["WispCLI"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "WispCore", "SuggestProtocol"]),
        .testTarget(
            name: "WispRuntimeTests",
            dependencies: ["WispRuntime", "WispCore", "TerminalUI", "DemoServer", "EventLoop", "WebSocketClient", "SuggestProtocol"]
        ),
        .testTarget(
            name: "DemoServerTests",
            dependencies: ["DemoServer", "SuggestProtocol", "WebSocket", "EventLoop", "WebSocketClient", "WebSocketServer"]
        ),
        .testTarget(
            name: "WebSocketClientTests",
            dependencies: ["WebSocket", "EventLoop", "WebSocketClient", "WebSocketServer", "TLS"]
        ),
    ]
)
