// swift-tools-version:6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode plus the house's upcoming features.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "serreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "serreport", targets: ["serreport"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // C libraries from Debian, one system-library target each (see ../shared/SWIFT-C-NOTES.md).
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CFFTW", pkgConfig: "fftw3f", providers: [.apt(["libfftw3-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        // Poppler, OpenBLAS and XGBoost are loaded with dlopen on first use (their shims say why: 10 ms of
        // every start), so neither pkg-config nor the linker names them.
        .systemLibrary(name: "CPoppler", providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CXGBoost", providers: [.apt(["libxgboost-dev"])]),
        // libsvm ships no pkg-config file; its module map links it by name.
        .systemLibrary(name: "CLibSVM", providers: [.apt(["libsvm-dev"])]),
        // liblinear ships no pkg-config file either.
        .systemLibrary(name: "CLibLinear", providers: [.apt(["liblinear-dev"])]),
        // glibc's <malloc.h> (mallopt), for the command line's allocator settings.
        .systemLibrary(name: "CMalloc"),
        // Linux's renameat2 (swap two folders in one step) and syncfs, which Glibc's Swift module leaves out.
        .systemLibrary(name: "CLinux"),

        // Domain modules, lowest first; a module never imports one above it.
        // The settings schema every module declares its own settings with (no dependencies).
        .target(name: "SERSettings", swiftSettings: swiftSettings),
        // Reading a regular file, bounded, without ever waiting on a pipe; one wording for its failures.
        .target(name: "SERFiles", swiftSettings: swiftSettings),
        // Indexed jobs on worker threads, results in index order: under SERLearn and SERCells alike.
        .target(name: "SERParallel", swiftSettings: swiftSettings),
        .target(name: "SERDSP", dependencies: ["CFFTW", "COpenBLAS", "SERSettings"], swiftSettings: swiftSettings),
        .target(
            name: "SERAudio", dependencies: ["SERDSP", "SERFiles", "SERSettings", "CSndFile", "CSoxr"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SERLearn",
            dependencies: ["SERSettings", "SERParallel", "COpenBLAS", "CXGBoost", "CLibSVM", "CLibLinear"],
            swiftSettings: swiftSettings),
        // ONNX's protobuf schema as Swift (generated once by scripts/generate-onnx-swift.sh and committed; the
        // generator's code keeps its own conventions, so not the house settings).
        .target(
            name: "ONNXProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Proto"]),
        // The deep models exported as ONNX graphs.
        .target(
            name: "SERONNX",
            dependencies: ["SERLearn", "ONNXProto", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings),
        .target(name: "SERPlot", dependencies: ["SERSettings", "CCairo", "CPangoCairo"], swiftSettings: swiftSettings),
        .target(name: "SERFigures", dependencies: ["SERPlot"], swiftSettings: swiftSettings),
        // Corpus layouts and naming (RAVDESS, TESS, SAVEE, EmoDB, CREMA-D, folders, CSV), label mapping.
        .target(
            name: "SERCorpus",
            dependencies: ["SERFiles", "SERSettings", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: swiftSettings),
        .target(
            name: "SERNotebook",
            dependencies: [
                "SERFiles", "SERSettings", "CLinux", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SERReport",
            dependencies: [
                "SERFiles", "SERPlot", "SERSettings", "CCairo", "CPoppler",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SERCells",
            dependencies: [
                "SERAudio", "SERDSP", "SERLearn", "SERONNX", "SERPlot", "SERFigures", "SERNotebook", "SERParallel",
                "SERReport", "SERCorpus", "SERSettings",
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "serreport",
            dependencies: [
                "SERCells", "SERFiles", "SERReport", "SERPlot", "CMalloc", "CLinux",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "serreport-bench",
            dependencies: ["SERCells", "SERAudio", "SERDSP", "SERCorpus", "SERLearn"],
            path: "Benchmarks/Sources/serreport-bench",
            swiftSettings: swiftSettings
        ),

        // libFuzzer targets, one per parser family (`make fuzz`); built without the fuzzer, each replays
        // the files it is given (its seeds in Fuzz/Corpus, a finding).
        .target(name: "FuzzSupport", path: "Fuzz/Sources/FuzzSupport", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-settings", dependencies: ["FuzzSupport", "SERCells", "SERNotebook", "SERSettings"],
            path: "Fuzz/Sources/fuzz-settings", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-models", dependencies: ["FuzzSupport", "SERCells", "SERLearn"],
            path: "Fuzz/Sources/fuzz-models", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-templates", dependencies: ["FuzzSupport", "SERReport"],
            path: "Fuzz/Sources/fuzz-templates", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-manifest", dependencies: ["FuzzSupport", "SERCorpus"],
            path: "Fuzz/Sources/fuzz-manifest", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-corpus-names", dependencies: ["FuzzSupport", "SERCorpus"],
            path: "Fuzz/Sources/fuzz-corpus-names", swiftSettings: swiftSettings),
        .executableTarget(
            name: "fuzz-audio", dependencies: ["FuzzSupport", "SERAudio"],
            path: "Fuzz/Sources/fuzz-audio", swiftSettings: swiftSettings),

        .testTarget(
            name: "SERAudioTests",
            dependencies: ["SERAudio", "SERDSP", "CSndFile"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SERDSPTests",
            dependencies: ["SERDSP", "SERAudio"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // What several test targets share: an output folder, a seeded generator, a figure read back.
        .target(
            name: "SERTestSupport", dependencies: ["SERPlot", "SERLearn", "CCairo"], path: "Tests/SERTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SERPlotTests",
            dependencies: ["SERPlot", "SERLearn", "SERTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SERFiguresTests", dependencies: ["SERFigures", "SERPlot", "SERLearn", "SERTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SERLearnTests",
            dependencies: [
                "SERLearn", "SERONNX", "ONNXProto", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SERFilesTests", dependencies: ["SERFiles"], swiftSettings: swiftSettings),
        .testTarget(name: "SERParallelTests", dependencies: ["SERParallel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SERNotebookTests",
            dependencies: ["SERNotebook", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SERReportTests",
            dependencies: [
                "SERReport", "SERPlot", "SERTestSupport", "CPoppler", .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "serreportTests",
            dependencies: [
                "serreport", "SERCells", "SERAudio", "SERDSP", "SERCorpus", "SERFigures", "SERLearn", "SERNotebook",
                "SERSettings",
                // Built so that FuzzSeedTests can replay their seeds.
                "fuzz-models", "fuzz-settings", "fuzz-templates", "fuzz-manifest", "fuzz-corpus-names", "fuzz-audio",
            ],
            exclude: ["Snapshots"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
    ]
)
