using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Express.Site.Tests.Support;

/// <summary>
/// The processor time the calling thread has used. A timing test measured by the wall clock also counts the time its
/// thread waited for a core: on CI's two cores, beside the browser tests, that made a 100 ms parse take 430 ms.
/// Linux only (clock_gettime); elsewhere the wall clock.
/// </summary>
public static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID

    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetElapsedTime(0);
        if (ClockGetTime(ThreadCpuTimeId, out var time) != 0) throw new InvalidOperationException(Marshal.GetLastPInvokeErrorMessage());
        return TimeSpan.FromSeconds(time.Seconds) + TimeSpan.FromTicks(time.Nanoseconds / 100);
    }

    /// <summary>
    /// The processor time <paramref name="work"/> took on this thread. A collection that another thread set off stops
    /// this thread and so does not count; one that this thread set off runs on it and counts, as the work's own cost.
    /// </summary>
    public static TimeSpan Measure(Action work)
    {
        var start = Now();
        work();
        return Now() - start;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
