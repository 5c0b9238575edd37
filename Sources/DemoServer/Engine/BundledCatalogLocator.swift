import Foundation

/// Finds the bundled catalog without `Bundle.module`, whose generated accessor calls `fatalError` when the bundle is missing.
enum BundledCatalogLocator {
    static let resourceName = "catalog.json"
    static let bundleName = "wisp_DemoServer.resources"

    static func path() throws(CatalogError) -> String {
        let candidates = candidatePaths()
        if let found = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }) {
            return found
        }
        throw CatalogError(file: resourceName, problem: .bundledCatalogMissing(searched: candidates))
    }

    /// In the order SwiftPM's accessor tries them, then the source tree for a binary moved away from its build directory.
    static func candidatePaths() -> [String] {
        var directories: [String] = []
        // The real executable, so a symlink such as /usr/local/bin/wisp still finds the bundle beside the binary.
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append((executable as NSString).deletingLastPathComponent)
        }
        directories.append(Bundle.main.bundleURL.path)
        if let argument = CommandLine.arguments.first, argument.contains("/") {
            let resolved = URL(fileURLWithPath: argument).resolvingSymlinksInPath().path
            directories.append((resolved as NSString).deletingLastPathComponent)
        }
        var paths: [String] = []
        for directory in directories {
            let path = "\(directory)/\(bundleName)/\(resourceName)"
            if !paths.contains(path) { paths.append(path) }
        }
        let sources = sourceDirectories()
        // SwiftPM's own fallback: the bundle in the build directory (default scratch path).
        paths.append("\(sources.package)/.build/\(buildConfiguration)/\(bundleName)/\(resourceName)")
        // SwiftPM copies this very file into the bundle (`.copy`), so in a checkout it is the same data.
        paths.append("\(sources.target)/Resources/\(resourceName)")
        return paths
    }

    private static func sourceDirectories(file: String = #filePath) -> (target: String, package: String) {
        let engine = (file as NSString).deletingLastPathComponent
        let target = (engine as NSString).deletingLastPathComponent
        let package = ((target as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        return (target, package)
    }

    #if DEBUG
    private static let buildConfiguration = "debug"
    #else
    private static let buildConfiguration = "release"
    #endif
}
