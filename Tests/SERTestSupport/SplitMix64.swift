public import SERLearn

/// The tests' seeded generator is the one the models use.
public typealias SplitMix64 = SeededGenerator
