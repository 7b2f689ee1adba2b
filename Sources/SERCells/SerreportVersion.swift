/// serreport's version, as `serreport --version`, the report and run.json give it.
public enum SerreportVersion {
    public static let current = "0.2.0"
}
