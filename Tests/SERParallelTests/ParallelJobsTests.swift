import Foundation
import SERParallel
import Synchronization
import Testing

@Suite("Parallel jobs: results in index order, the first error by index, one state per worker")
struct ParallelJobsTests {
    /// A job's error, carrying its index.
    struct JobError: Error, Equatable {
        let index: Int
    }

    /// Sleeps a little, longer for some indices than others, so jobs finish out of order.
    static func jitter(_ index: Int) {
        usleep(UInt32((index * 7919) % 5) * 300)
    }

    static let workerCounts = [0, 1, 2, 3, 8, 64]

    @Test("results come back in index order whatever the number of workers", arguments: workerCounts)
    func order(workers: Int) {
        let values = ParallelJobs.map(count: 40, workers: workers) { index in
            Self.jitter(index)
            return index * index
        }
        #expect(values == (0..<40).map { $0 * $0 })
    }

    @Test("no jobs give no results and build no state")
    func empty() {
        let built = Atomic<Int>(0)
        let values = ParallelJobs.map(
            count: 0, workers: 4, makeState: { built.add(1, ordering: .relaxed) },
            body: { _, index in index })
        #expect(values.isEmpty)
        #expect(built.load(ordering: .relaxed) == 0)
    }

    @Test("the error thrown is the lowest failing index's, even when a later one fails first", arguments: workerCounts)
    func firstErrorByIndex(workers: Int) {
        let ran = Mutex<Set<Int>>([])
        #expect(throws: JobError(index: 3)) {
            try ParallelJobs.map(count: 30, workers: workers) { index throws(JobError) -> Int in
                ran.withLock { _ = $0.insert(index) }
                if index == 3 {
                    usleep(20_000)
                    throw JobError(index: 3)
                }
                if index == 5 || index == 20 { throw JobError(index: index) }
                Self.jitter(index)
                return index
            }
        }
        let started = ran.withLock { $0 }
        #expect(started.isSuperset(of: 0...3), "every job up to the first failure runs")
        if workers <= 1 { #expect(started == Set(0...3), "no job starts after a known failure") }
    }

    @Test("each worker builds its state once and keeps it for every job it takes", arguments: [1, 2, 3, 8])
    func statePerWorker(workers: Int) {
        let built = Atomic<Int>(0)
        let count = 50
        // Each state is a worker's id and the indices it took.
        let taken = ParallelJobs.map(
            count: count, workers: workers,
            makeState: { (id: built.add(1, ordering: .relaxed).oldValue, jobs: 0) },
            body: { state, index -> (worker: Int, jobsBefore: Int) in
                Self.jitter(index)
                defer { state.jobs += 1 }
                return (state.id, state.jobs)
            })
        #expect(built.load(ordering: .relaxed) == min(workers, count))
        let byWorker = Dictionary(grouping: taken, by: \.worker)
        #expect(byWorker.keys.allSatisfy { (0..<workers).contains($0) })
        for (_, jobs) in byWorker {
            #expect(jobs.map(\.jobsBefore).sorted() == Array(0..<jobs.count), "a worker's state carries over")
        }
        #expect(taken.count == count)
    }

    @Test("a job's state and error types are the caller's: a non-throwing body needs no try")
    func typedErrors() throws {
        let squares: [Int] = ParallelJobs.map(count: 3, workers: 2) { $0 * $0 }
        #expect(squares == [0, 1, 4])
        do {
            _ = try ParallelJobs.map(count: 4, workers: 2) { index throws(JobError) -> Int in
                if index == 2 { throw JobError(index: index) }
                return index
            }
            Issue.record("no error thrown")
        } catch {
            #expect(error == JobError(index: 2), "the error is typed: no cast needed")
        }
    }

    @Test(
        "a start order changes no result: values by index, the error of the earliest failing job in that order",
        arguments: workerCounts)
    func startOrder(workers: Int) {
        let order = Array((0..<30).reversed())
        let started = Mutex<[Int]>([])
        let values = ParallelJobs.map(count: 30, workers: workers, order: order) { index in
            started.withLock { $0.append(index) }
            Self.jitter(index)
            return 2 * index
        }
        #expect(values == (0..<30).map { 2 * $0 })
        if workers <= 1 { #expect(started.withLock { $0 } == order, "one worker starts them in the order given") }
        #expect(throws: JobError(index: 20)) {
            try ParallelJobs.map(count: 30, workers: workers, order: order) { index throws(JobError) -> Int in
                if index == 20 {
                    usleep(20_000)
                    throw JobError(index: 20)
                }
                if index == 3 || index == 10 { throw JobError(index: index) }
                return index
            }
        }
    }
}
