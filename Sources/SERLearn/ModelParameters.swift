package import SERSettings

/// Every model's settings, each under scikit-learn's (or XGBoost's) names: `train.rf`, `train.xgb`,
/// `train.svm`, `train.mlp`, `train.logreg`, `train.gru` and `train.cnn` in `serreport.yml`.
package struct ModelParameters: Sendable, Equatable {
    package var rf = ForestSettings()
    package var xgb = BoostingSettings()
    package var svm = SVMSettings()
    package var mlp = MLPSettings()
    package var logreg = LogRegParameters()
    package var gru = RecurrentTrainingParameters()
    package var cnn = ConvolutionalTrainingParameters()

    package init() {}
}

/// `RandomForestClassifier`'s settings.
package struct ForestSettings: SettingGroup, Equatable {
    package var nEstimators = 100

    package init() {}

    package static let schema = SettingSchema<ForestSettings>([
        Setting("n_estimators", \.nEstimators, "trees in the forest (n_estimators)", allowed: .range(1...5000))
    ])
}

/// `XGBClassifier`'s settings (`tree_method='hist'`).
package struct BoostingSettings: SettingGroup, Equatable {
    package var nEstimators = 100
    package var learningRate = 0.3
    package var maxDepth = 6

    package init() {}

    package static let schema = SettingSchema<BoostingSettings>([
        Setting("n_estimators", \.nEstimators, "boosting rounds (n_estimators)", allowed: .range(1...5000)),
        Setting(
            "learning_rate", \.learningRate, "shrinkage of each round (learning_rate, eta)",
            allowed: .range(0, 1, includingLower: false)),
        Setting("max_depth", \.maxDepth, "depth of each tree, 0 for no limit (max_depth)", allowed: .range(0...32)),
    ])
}

/// `SVC(kernel='rbf')`'s settings.
package struct SVMSettings: SettingGroup, Equatable {
    package var c = 1.0
    package var gamma = SVMGamma.scale
    package var classWeight = ClassWeight.balanced

    package init() {}

    package static let schema = SettingSchema<SVMSettings>([
        Setting("C", \.c, "penalty of misclassified clips (C)", allowed: .range(0, 1e6, includingLower: false)),
        Setting("gamma", \.gamma, "RBF kernel width: scale, auto or a number (gamma)", allowed: .positive),
        Setting("class_weight", \.classWeight, "balanced weighs each class by its rarity (class_weight)"),
    ])
}

/// `LogisticRegression(solver='liblinear')`'s settings, with scikit-learn's defaults (L2 penalty,
/// `intercept_scaling=1`, one-vs-rest over the classes). scikit-learn's `max_iter` has no
/// counterpart: Debian's liblinear 2.3 caps its Newton iterations at 1000 and takes no cap from its
/// caller, so a `max_iter` here could not be honoured (measured: the golden fits stop after 4 to 6
/// iterations, the Samples corpus's 82 standardised features after 6 or 7).
package struct LogRegParameters: SettingGroup, Equatable {
    package var c = 1.0
    package var classWeight = ClassWeight.none
    package var tol = 1e-4

    package init() {}

    package static let schema = SettingSchema<LogRegParameters>([
        Setting(
            "C", \.c, "inverse of the L2 penalty's strength (C)", allowed: .range(0, 1e6, includingLower: false)),
        Setting("class_weight", \.classWeight, "balanced weighs each class by its rarity (class_weight)"),
        Setting(
            "tol", \.tol, "stopping tolerance of liblinear's Newton solver (tol)",
            allowed: .range(0, 1, includingLower: false)),
    ])
}

/// scikit-learn's `gamma` of an RBF kernel: `'scale'` (`1 / (n_features · X.var())`), `'auto'`
/// (`1 / n_features`) or a number.
package enum SVMGamma: SettingValue, Hashable {
    case scale, auto
    case value(Double)

    package static func parse(_ node: ConfigNode) throws(SettingValueError) -> SVMGamma {
        let text = try scalarText(node)
        switch text {
        case "scale": return .scale
        case "auto": return .auto
        default:
            guard let value = Double(text), value.isFinite else {
                throw SettingValueError("expected \(kind), found '\(text)'", at: node)
            }
            return .value(value)
        }
    }

    package static var kind: String { "scale, auto or a number" }

    package var text: String {
        switch self {
        case .scale: "scale"
        case .auto: "auto"
        case .value(let value): value.text
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .scale, .auto: try container.encode(text)
        case .value(let value): try container.encode(value)
        }
    }

    /// The kernel width for standardised training `features`.
    func width(for features: Matrix) -> Double {
        switch self {
        case .value(let value): return value
        case .auto: return 1 / Double(max(features.columns, 1))
        case .scale:
            let values = features.values
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count, 1))
            return variance > 0 ? 1 / (Double(features.columns) * variance) : 1
        }
    }
}

extension Allowed where Value == SVMGamma {
    /// `scale`, `auto` or a number above 0.
    package static var positive: Allowed {
        Allowed(
            describe: { _ in "scale, auto or more than 0" },
            accepts: { value, _ in if case .value(let width) = value { width > 0 } else { true } },
            violation: { _ in .value(-1) })
    }
}

/// scikit-learn's `class_weight`: `balanced` scales C per class by `n / (classes · n_c)`.
package enum ClassWeight: String, SettingEnum {
    case balanced, none
}
