using System.Runtime.CompilerServices;

namespace Express.Site.Tests.Support;

/// <summary>
/// Test classes run in parallel, and several block thread-pool threads for seconds: builds whose Parallel.For
/// occupies the pool, Playwright's client answering the browser. The pool then grows by about one thread a second,
/// so a build's parallel loop (or a browser round trip) can wait seconds for a thread: a cancelled build once took
/// 8 s to stop in CI, with nothing else to do. A larger minimum for the whole run, set before any test starts, avoids
/// that.
/// </summary>
internal static class ThreadPoolSize
{
    [ModuleInitializer]
    internal static void RaiseMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
