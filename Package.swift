// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "payops",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "payops", targets: ["ConsoleApp"]),
        .executable(name: "payops-bench", targets: ["PayopsBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CCurses",
            path: "Sources/CCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "PaymentData",
            dependencies: ["CLibPQ"],
            path: "Sources/PaymentData"
        ),
        .target(
            name: "Screens",
            dependencies: ["PaymentData"],
            path: "Sources/Screens"
        ),
        .executableTarget(
            name: "ConsoleApp",
            dependencies: [
                "PaymentData", "Screens", "CCurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/ConsoleApp"
        ),
        .executableTarget(name: "PayopsBench", dependencies: ["PaymentData", "Screens"], path: "Sources/PayopsBench"),
        .target(name: "TestSupport", dependencies: ["PaymentData"], path: "Tests/Support"),
        .testTarget(name: "PaymentDataTests", dependencies: ["PaymentData", "TestSupport"], path: "Tests/PaymentDataTests"),
        .testTarget(name: "ScreensTests", dependencies: ["Screens", "PaymentData"], path: "Tests/ScreensTests"),
        .testTarget(name: "EndToEndTests", dependencies: ["PaymentData", "TestSupport"], path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
