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

    /// <summary>The processor time <paramref name="work"/> took on this thread, less the collector's pauses in it.</summary>
    public static TimeSpan Measure(Action work)
    {
        var paused = GC.GetTotalPauseDuration();
        var start = Now();
        work();
        return Now() - start - (GC.GetTotalPauseDuration() - paused);
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
