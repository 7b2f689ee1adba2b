package import SERLearn

/// The tests' seeded generator is the one the models use.
package typealias SplitMix64 = SeededGenerator
