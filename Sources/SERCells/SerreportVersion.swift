/// serreport's version, as `serreport --version`, the report and run.json give it.
package enum SerreportVersion {
    package static let current = "0.2.0"
}
