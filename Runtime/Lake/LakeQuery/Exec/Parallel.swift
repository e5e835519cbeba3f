import Dispatch

/// Runs independent pieces of work on all cores and returns their results in index order.
enum Parallel {
    /// Result slots shared with the workers; each worker writes only its own index.
    private final class Slots<T>: @unchecked Sendable {
        let count: Int
        let results: UnsafeMutablePointer<Result<T, QueryError>?>

        init(_ count: Int) {
            self.count = count
            results = .allocate(capacity: count)
            results.initialize(repeating: nil, count: count)
        }

        deinit {
            results.deinitialize(count: count)
            results.deallocate()
        }
    }

    private struct Work<T>: @unchecked Sendable {
        let body: (Int) throws(QueryError) -> T
    }

    /// `body(0) … body(n - 1)`, concurrently when there is more than one; the first error (in index order) is thrown.
    static func map<T>(_ n: Int, _ body: (Int) throws(QueryError) -> T) throws(QueryError) -> [T] {
        if n <= 1 {
            var out: [T] = []
            for i in 0..<n { out.append(try body(i)) }
            return out
        }
        let slots = Slots<T>(n)
        // Callers pass work that only reads shared values and builds its own result.
        withoutActuallyEscaping(body) { body in
            let work = Work(body: body)
            DispatchQueue.concurrentPerform(iterations: n) { i in
                slots.results[i] = Result { () throws(QueryError) -> T in try work.body(i) }
            }
        }
        var out: [T] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            switch slots.results[i]! {
            case .success(let v): out.append(v)
            case .failure(let e): throw e
            }
        }
        return out
    }
}
